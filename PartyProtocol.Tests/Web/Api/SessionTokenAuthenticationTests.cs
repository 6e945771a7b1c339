using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Web.Api;

/// <summary>
/// Game calls and account calls share the <c>Authorization: Bearer</c> header. A session token must reach the game
/// endpoints without Identity's bearer handler trying to decrypt it on the way (a caught exception and a log line on
/// every game call); an account's access token must still be Identity's.
/// </summary>
public sealed class SessionTokenAuthenticationTests : IDisposable
{
    private const string AuthenticationCategory = "Microsoft.AspNetCore.Authentication";
    private readonly AuthenticationLogAppFactory _app = new();
    private readonly ApiTestClient _api;

    public SessionTokenAuthenticationTests() => _api = new ApiTestClient(_app);

    public void Dispose()
    {
        _api.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task SessionTokensAreNotTriedAsAccountTokens()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        await game.OwnerOkAsync("play");
        await game.ViewAsync("Ann");
        await game.PlayerOkAsync("Bob", "lies", new { text = "a velvet submarine" });

        Assert.DoesNotContain(FailedAuthentications(), e => true);
    }

    [Fact]
    public async Task AnythingElseInTheHeaderIsStillIdentitysToJudge()
    {
        var game = await _api.CreateGameAsync(null, "Ann");

        // Not a session token's shape: Identity's handler looks at it (and logs its failure), the game refuses it.
        var response = await _api.SendAsync(HttpMethod.Get, "/api/account/manage/info", token: "not-an-access-token");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await ApiTestClient.ProblemAsync(await _api.PostAsync(game.Path("play"), token: "x" + game.OwnerToken), HttpStatusCode.Unauthorized, "unauthorized");

        Assert.NotEmpty(FailedAuthentications());
    }

    private List<LogCapture.LogEntry> FailedAuthentications() =>
        _app.Logs.Entries.Where(e => e.Category.StartsWith(AuthenticationCategory, StringComparison.Ordinal) && e.Message.Contains("not authenticated", StringComparison.Ordinal)).ToList();

    private sealed class AuthenticationLogAppFactory : PartyAppFactory
    {
        public LogCapture Logs { get; } = new(LogLevel.Information);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<LogCapture>(AuthenticationCategory, LogLevel.Information));
        }
    }
}
