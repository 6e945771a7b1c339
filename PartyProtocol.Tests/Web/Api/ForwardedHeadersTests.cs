using System.Net;
using System.Net.Http.Json;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Web.Api;

/// <summary>
/// X-Forwarded-For counts only from the proxies an operator configured (ForwardedHeaders:KnownProxies or
/// KnownNetworks): behind one, rate limits count each client; without one, the header changes nothing — so it cannot
/// be used to dodge a limit.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task BehindAKnownProxyEachForwardedClientHasItsOwnRateLimit()
    {
        using var app = new PartyAppFactory()
            .WithSetting("ForwardedHeaders:KnownProxies:0", "127.0.0.1")
            .WithSetting("RateLimits:SessionCreatesPerMinute", "2");
        using var client = app.CreateLiveClient();

        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(client, "203.0.113.5")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(client, "203.0.113.5")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CreateAsync(client, "203.0.113.5")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(client, "198.51.100.7")).StatusCode);
        // What the client itself put in front of the proxy's entry does not count: the proxy's own entry does.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CreateAsync(client, "198.51.100.99, 203.0.113.5")).StatusCode);
    }

    [Fact]
    public async Task TheHeaderFromAnAddressNotConfiguredAsAProxyChangesNothing()
    {
        using var unlisted = new PartyAppFactory()
            .WithSetting("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8")
            .WithSetting("RateLimits:SessionCreatesPerMinute", "2");
        using var none = new PartyAppFactory().WithSetting("RateLimits:SessionCreatesPerMinute", "2");

        foreach (var app in new[] { unlisted, none })
        {
            using var client = app.CreateLiveClient();
            Assert.Equal(HttpStatusCode.Created, (await CreateAsync(client, "203.0.113.1")).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await CreateAsync(client, "203.0.113.2")).StatusCode);
            var refused = await CreateAsync(client, "203.0.113.3");
            await ApiTestClient.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        }
    }

    [Fact]
    public void AProxyThatIsNotAnAddressStopsStartUpNamingIt()
    {
        using var app = new PartyAppFactory().WithSetting("ForwardedHeaders:KnownProxies:0", "nginx.local");

        var refused = Assert.ThrowsAny<Exception>(app.EnsureStarted);

        Assert.Contains("'nginx.local' is not an IP address", refused.ToString());
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = JsonContent.Create(new { game = "bluff" }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }
}
