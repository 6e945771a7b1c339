using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>
/// A session that ends by itself — nobody played for the idle expiry, or a finished game's grace period ran out — is
/// announced with <c>session.ended</c> and its reason on both transports, so no client waits on a session that is gone.
/// </summary>
public sealed class SessionEndedTests
{
    [Fact]
    public async Task AnIdleSessionThatExpiresIsAnnouncedToEveryClient()
    {
        using var app = new PartyAppFactory()
            .WithSetting("Sessions:IdleExpiry", "00:00:10")
            .WithSetting("Sessions:EndCheckInterval", "00:00:00.200");
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(null, "Ann", "Bob");
        await using var screen = await HubListener.ConnectAsync(app.BaseAddress, game.Code);
        await using var ann = await HubListener.ConnectAsync(app.BaseAddress, game.Code, game.Token("Ann"));
        await using var host = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "role=host");
        var seq = (await game.ViewAsync()).GetProperty("seq").GetInt64();

        foreach (var log in new[] { screen.Log, ann.Log, host.Log })
        {
            var ended = await log.WaitForTypeAsync("session.ended", timeout: TimeSpan.FromSeconds(30));
            Assert.Equal("idle", ended.GetProperty("data").GetProperty("reason").GetString());
            Assert.Equal(seq + 1, ended.GetProperty("seq").GetInt64());
        }

        await host.Closed.WaitAsync(EventLog.DefaultTimeout);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, host.CloseStatus);
        await ApiTestClient.ProblemAsync(await api.SendAsync(HttpMethod.Get, game.Path()), HttpStatusCode.NotFound, "session_not_found");
        Assert.Single(screen.Log.OfType("session.ended"));
    }

    [Fact]
    public async Task AFinishedGameIsAnnouncedAsEndedWhenItsGracePeriodRunsOut()
    {
        using var app = new PartyAppFactory()
            .WithSetting("Sessions:GameOverGrace", "00:00:01")
            .WithSetting("Sessions:EndCheckInterval", "00:00:00.200");
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(new { rounds = 1, lieSeconds = 1, guessSeconds = 1, revealStepSeconds = 1, scoreboardSeconds = 1 }, "Ann", "Bob");
        await using var screen = await HubListener.ConnectAsync(app.BaseAddress, game.Code);
        await using var bob = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.Token("Bob"));
        await game.OwnerOkAsync("play");

        var over = await screen.Log.WaitForTypeAsync("phase.game_over", timeout: TimeSpan.FromSeconds(60));
        foreach (var log in new[] { screen.Log, bob.Log })
        {
            var ended = await log.WaitForTypeAsync("session.ended", timeout: TimeSpan.FromSeconds(15));
            Assert.Equal("game_over", ended.GetProperty("data").GetProperty("reason").GetString());
            Assert.Equal(over.GetProperty("seq").GetInt64() + 1, ended.GetProperty("seq").GetInt64());
        }

        await bob.Closed.WaitAsync(EventLog.DefaultTimeout);
    }

    [Fact]
    public async Task AnExitIsAnnouncedOnceWithItsOwnReason()
    {
        using var app = new PartyAppFactory().WithSetting("Sessions:EndCheckInterval", "00:00:00.100");
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(null, "Ann");
        var check = app.Services.GetRequiredService<SessionEndNotifier>();
        await using var screen = await HubListener.ConnectAsync(app.BaseAddress, game.Code);
        var connected = check.Passes;
        await Eventually.TrueAsync(() => check.Passes >= connected + 2, "the end check to see the session");

        await game.OwnerOkAsync("exit");
        var ended = await screen.Log.WaitForTypeAsync("session.ended");
        Assert.Equal("exit", ended.GetProperty("data").GetProperty("reason").GetString());

        // The end check finds the session gone on its next passes, and knows its clients were already told.
        var exited = check.Passes;
        await Eventually.TrueAsync(() => check.Passes >= exited + 3, "three more end checks");
        Assert.Single(screen.Log.OfType("session.ended"));
    }
}
