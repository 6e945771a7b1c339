using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Events;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>
/// In multi-instance mode the local bus also carries events bridged from other instances, already in seq order.
/// Both transports forward every event of the local bus to the connections this instance holds — so each connection
/// gets each event once, in order, whichever instance committed it.
/// </summary>
public sealed class EventOriginTests
{
    [Fact]
    public async Task BothTransportsForwardEveryEventOnTheLocalBusWhicheverInstanceCommittedIt()
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
        await hub.Log.WaitForTypeAsync("test.bridged");

        await game.JoinAsync("Bob");
        await hub.Log.WaitForTypeAsync("player.joined");
        await socket.Log.WaitForTypeAsync("player.joined");
        Assert.Equal(["test.bridged", "player.joined"], hub.Log.Events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(["test.bridged", "player.joined"], socket.Log.Events.Select(e => e.GetProperty("type").GetString()));
    }
}
