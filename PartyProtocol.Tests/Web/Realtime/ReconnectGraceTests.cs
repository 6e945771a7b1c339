using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>A dropped connection does not cost a player their turn: the phase waits through the reconnect grace.</summary>
public sealed class ReconnectGraceTests
{
    [Fact]
    public async Task AWebSocketPhoneThatDropsAndComesBackInsideTheGraceKeepsItsTurn()
    {
        using var app = new PartyAppFactory().WithSetting("Sessions:ReconnectGrace", "00:00:20");
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(new { lieSeconds = 600 }, "Ann", "Bob", "Cy");
        await using var screen = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "role=host");
        var phone = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.Token("Cy"));
        await game.OwnerOkAsync("play");
        await game.PlayerOkAsync("Ann", "lies", new { text = "ann's lie" });
        await game.PlayerOkAsync("Bob", "lies", new { text = "bob's lie" });

        // Cy's phone loses its connection: the big screen hears of it, but the lie phase keeps waiting for Cy.
        await phone.CloseAsync();
        await phone.DisposeAsync();
        await screen.Log.WaitForTypeAsync("player.disconnected");
        Assert.Equal(BluffPhases.Lie, (await game.ViewAsync()).GetProperty("phase").GetString());

        await using var back = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.Token("Cy"));
        await screen.Log.WaitForTypeAsync("player.connected");
        Assert.Equal(BluffPhases.Lie, (await game.ViewAsync()).GetProperty("phase").GetString());
        await game.PlayerOkAsync("Cy", "lies", new { text = "cy's lie" });

        await back.Log.WaitForTypeAsync("phase.guess_started");
        Assert.Equal(3, (await game.StateAsync()).Lies.Count);
    }

    [Fact]
    public async Task AHubPlayerWhoNeverComesBackIsWaitedForOnlyUntilTheGraceRunsOut()
    {
        using var app = new PartyAppFactory().WithSetting("Sessions:ReconnectGrace", "00:00:02");
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(new { lieSeconds = 600 }, "Ann", "Bob", "Cy");
        await using var screen = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "role=host");
        var cy = await HubListener.ConnectAsync(app.BaseAddress, game.Code, game.Token("Cy"));
        await game.OwnerOkAsync("play");
        await game.PlayerOkAsync("Ann", "lies", new { text = "ann's lie" });
        await game.PlayerOkAsync("Bob", "lies", new { text = "bob's lie" });

        var dropped = DateTimeOffset.UtcNow;
        await cy.DisposeAsync();
        await screen.Log.WaitForTypeAsync("player.disconnected");

        // Two seconds later the phase stops waiting for Cy, long before its ten-minute deadline.
        var guess = await screen.Log.WaitForTypeAsync("phase.guess_started");
        Assert.True(guess.GetProperty("at").GetDateTimeOffset() - dropped >= TimeSpan.FromSeconds(1.5), "The phase ended before the grace ran out.");
        Assert.DoesNotContain(game.Id("Cy"), (await game.StateAsync()).Lies.Keys);
    }
}
