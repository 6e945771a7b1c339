using System.Net;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Web;

public sealed class AppStartsTests
{
    [Fact]
    public async Task TheHomePageIsServedByKestrelOnLoopback()
    {
        using var app = new PartyAppFactory();
        using var client = app.CreateLiveClient();
        Assert.Equal("127.0.0.1", client.BaseAddress!.Host);
        var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
