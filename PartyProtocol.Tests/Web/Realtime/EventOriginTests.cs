using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Events;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>
/// In multi-instance mode the local bus also carries events bridged from other instances. The hub must not forward
/// those (SignalR's backplane already delivers them from their own instance), while each WebSocket, which listens to
/// the local bus only, must.
/// </summary>
public sealed class EventOriginTests
{
    [Fact]
    public async Task TheHubForwardsOnlyEventsCommittedHereWhileWebSocketsForwardEveryEventOnTheBus()
    {
        using var app = new PartyAppFactory();
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(null, "Ann");
        await using var hub = await HubListener.ConnectAsync(app.BaseAddress, game.Code);
        await using var socket = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "role=host");
        var bus = app.Services.GetRequiredService<GameEventBus>();
        var seq = (await game.ViewAsync()).GetProperty("seq").GetInt64();

        bus.Publish(new GameEvent("test.bridged", game.Code, seq + 1, DateTimeOffset.UtcNow, new { from = "elsewhere" }) { Origin = "another-instance" });
        await socket.Log.WaitForTypeAsync("test.bridged");

        // A later local event is the sync point: once the hub has it, it would have had the bridged one too.
        await game.JoinAsync("Bob");
        await hub.Log.WaitForTypeAsync("player.joined");
        Assert.Empty(hub.Log.OfType("test.bridged"));
        Assert.Equal(["test.bridged", "player.joined"], socket.Log.Events.Select(e => e.GetProperty("type").GetString()));
    }
}
