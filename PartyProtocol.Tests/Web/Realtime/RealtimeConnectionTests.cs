using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Events;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>Connecting, pinging and disconnecting on both transports.</summary>
public sealed class RealtimeConnectionTests(PartyAppFactory app) : IClassFixture<PartyAppFactory>, IDisposable
{
    private readonly ApiTestClient _api = new(app);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task PingIsAnsweredWithPongOnBothTransports()
    {
        var game = await _api.CreateGameAsync(null, "Ann");
        await using var hub = await HubListener.ConnectAsync(app.BaseAddress, game.Code, game.Token("Ann"));
        Assert.Equal("pong", await hub.Connection.InvokeAsync<string>("Ping"));

        await using var socket = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.Token("Ann"));
        await socket.SendAsync("{\"type\":\"ping\"}");
        await socket.Log.WaitForTypeAsync("pong");
        // Anything but a ping or a move (SocketMoveTests) is ignored, and the socket keeps answering.
        await socket.SendAsync("hello");
        await socket.SendAsync("{\"type\":\"guess\",\"text\":\"nope\"}");
        await socket.SendAsync("{\"id\":1,\"type\":\"ping\"}");
        await Eventually.TrueAsync(() => socket.Log.All.Count(m => m.GetProperty("type").GetString() == "pong") == 2, "the second pong");
        Assert.All(socket.Frames, frame => Assert.Equal("{\"type\":\"pong\"}", frame));
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task TheWebSocketReadsMessagesUpToItsLimitThoughItStartsWithASmallBufferAndDropsALargerOne()
    {
        var game = await _api.CreateGameAsync(null, "Ann");
        await using var socket = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.Token("Ann"));
        // A ping padded past the initial buffer, to just under the limit: the buffer grows and it is answered.
        var padded = "{\"type\":\"ping\"" + new string(' ', GameSocketConnection.MaxIncomingBytes - 20) + "}";
        Assert.True(padded.Length > GameSocketConnection.InitialIncomingBytes && padded.Length <= GameSocketConnection.MaxIncomingBytes);
        await socket.SendAsync(padded);
        await socket.Log.WaitForTypeAsync("pong");

        // One byte over the limit: the connection is dropped.
        await socket.SendAsync("{\"type\":\"ping\"" + new string(' ', GameSocketConnection.MaxIncomingBytes) + "}");
        await socket.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotEqual(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task TheWebSocketSendsNothingButEventEnvelopesAndPongs()
    {
        var game = await _api.CreateGameAsync(null, "Ann");
        await using var socket = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "role=host");
        await socket.SendAsync("{\"type\":\"ping\"}");
        await game.JoinAsync("Bob");
        await socket.SendAsync("{\"type\":\"ping\"}");
        var played = await game.OwnerOkAsync("play");
        await socket.Log.WaitForSeqAsync(played);
        await Eventually.TrueAsync(() => socket.Log.All.Count(m => m.GetProperty("type").GetString() == "pong") == 2, "two pongs");
        foreach (var message in socket.Log.All)
        {
            var properties = message.EnumerateObject().Select(p => p.Name).ToList();
            if (message.GetProperty("type").GetString() == "pong")
            {
                Assert.Equal(["type"], properties);
            }
            else
            {
                Assert.Equal(["type", "code", "seq", "at", "data"], properties);
            }
        }

        Assert.Equal(["player.joined", "session.started", "phase.lie_started", "phase.question_shown"],
            socket.Log.Events.Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task ADisconnectedWebSocketLeavesItsSessionAndThePlayerGoesAway()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        var bus = app.Services.GetRequiredService<GameEventBus>();
        var presence = app.Services.GetRequiredService<PresenceTracker>();
        await using var screen = await HubListener.ConnectAsync(app.BaseAddress, game.Code);
        var before = bus.SubscriptionCount(game.Code);

        var socket = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.Token("Ann"));
        Assert.Equal(before + 1, bus.SubscriptionCount(game.Code));
        Assert.Equal(1, presence.ConnectionsOf(game.Code, game.Id("Ann")));

        await socket.CloseAsync();
        await Eventually.TrueAsync(() => bus.SubscriptionCount(game.Code) == before, "the socket's subscription is gone");
        await screen.Log.WaitForTypeAsync("player.disconnected", e => e.GetProperty("data").GetProperty("playerId").GetString() == game.Id("Ann"));
        Assert.Equal(0, presence.ConnectionsOf(game.Code, game.Id("Ann")));
        Assert.False((await game.SessionAsync())!.Players.Single(p => p.Id == game.Id("Ann")).Connected);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);

        // Events after the disconnect reach the remaining clients and not the closed socket.
        var received = socket.Log.Events.Count;
        await game.JoinAsync("Cy");
        await screen.Log.WaitForTypeAsync("player.joined", e => e.GetProperty("data").GetProperty("player").GetProperty("name").GetString() == "Cy");
        Assert.Equal(received, socket.Log.Events.Count);
        await socket.DisposeAsync();
    }

    [Fact]
    public async Task ADisconnectedHubClientLeavesItsGroupsAndComesBackConnected()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        var presence = app.Services.GetRequiredService<PresenceTracker>();
        await using var screen = await HubListener.ConnectAsync(app.BaseAddress, game.Code);

        var bob = await HubListener.ConnectAsync(app.BaseAddress, game.Code, game.Token("Bob"));
        Assert.Equal(1, presence.ConnectionsOf(game.Code, game.Id("Bob")));
        await bob.DisposeAsync();
        await screen.Log.WaitForTypeAsync("player.disconnected", e => e.GetProperty("data").GetProperty("playerId").GetString() == game.Id("Bob"));
        Assert.Equal(0, presence.ConnectionsOf(game.Code, game.Id("Bob")));
        var received = bob.Log.Events.Count;

        await using var again = await HubListener.ConnectAsync(app.BaseAddress, game.Code, game.Token("Bob"));
        await screen.Log.WaitForTypeAsync("player.connected", e => e.GetProperty("data").GetProperty("playerId").GetString() == game.Id("Bob"));
        Assert.True((await game.SessionAsync())!.Players.Single(p => p.Id == game.Id("Bob")).Connected);
        await again.Log.WaitForTypeAsync("player.connected");
        Assert.Equal(received, bob.Log.Events.Count);
    }

    [Fact]
    public async Task ConnectionsWithAnUnknownCodeOrABadTokenAreRefusedBeforeTheUpgrade()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");

        var unknown = await Assert.ThrowsAsync<HttpRequestException>(async () => await HubListener.ConnectAsync(app.BaseAddress, "QQQQ"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var badToken = await Assert.ThrowsAsync<HttpRequestException>(async () => await HubListener.ConnectAsync(app.BaseAddress, game.Code, "forged"));
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.StatusCode);

        Assert.Equal((404, "session_not_found"), await SocketListener.RefusedAsync(app.BaseAddress, "ws/game/QQQQ/?role=host"));
        Assert.Equal((401, "unauthorized"), await SocketListener.RefusedAsync(app.BaseAddress, $"ws/game/{game.Code}/?session_token=forged"));
        Assert.Equal((401, "unauthorized"), await SocketListener.RefusedAsync(app.BaseAddress, $"ws/game/{game.Code}/"));

        await ApiTestClient.OkAsync(await _api.SendAsync(HttpMethod.Delete, game.Path($"players/{game.Id("Bob")}"), game.OwnerToken));
        Assert.Equal((403, "kicked"), await SocketListener.RefusedAsync(app.BaseAddress, $"ws/game/{game.Code}/?session_token={game.Token("Bob")}"));

        await ApiTestClient.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/ws/game/{game.Code}/?role=host"), HttpStatusCode.BadRequest, "websocket_required");
        await ApiTestClient.ProblemAsync(await _api.SendAsync(HttpMethod.Post, "/hubs/game/negotiate?negotiateVersion=1"), HttpStatusCode.BadRequest, "invalid_input");
    }

    [Fact]
    public async Task TheWebSocketClosesAfterTheSessionEnds()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        await using var host = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "role=host");
        await using var ann = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.Token("Ann"));
        await using var bob = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.Token("Bob"));

        await ApiTestClient.OkAsync(await _api.SendAsync(HttpMethod.Delete, game.Path($"players/{game.Id("Bob")}"), game.OwnerToken));
        await bob.Closed.WaitAsync(EventLog.DefaultTimeout);
        Assert.Equal("player.kicked", bob.Log.Events[^1].GetProperty("type").GetString());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, bob.CloseStatus);

        var exited = await game.OwnerOkAsync("exit");
        await host.Closed.WaitAsync(EventLog.DefaultTimeout);
        await ann.Closed.WaitAsync(EventLog.DefaultTimeout);
        foreach (var socket in new[] { host, ann })
        {
            var last = socket.Log.Events[^1];
            Assert.Equal("session.ended", last.GetProperty("type").GetString());
            Assert.Equal(exited, last.GetProperty("seq").GetInt64());
            Assert.Equal("exit", last.GetProperty("data").GetProperty("reason").GetString());
            Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        }

        await Eventually.TrueAsync(() => app.Services.GetRequiredService<GameEventBus>().SubscriptionCount(game.Code) == 0, "every socket unsubscribed");
    }
}
