using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Events;
using PartyProtocol.Tests.Web.Realtime;
using PartyProtocol.Web.Realtime;
using StackExchange.Redis;

namespace PartyProtocol.Tests.Web.Scaleout;

[Collection(ScaleoutCollection.Name)]
public sealed class RedisPresenceTests
{
    [Fact]
    public async Task APlayerStaysConnectedWhileAnyInstanceHoldsOneOfTheirConnections()
    {
        var prefix = ScaleoutInstance.NewKeyPrefix();
        await using var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        await using var b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        var created = await a.CreateBluffAsync(new BluffSettings());
        var ada = await a.JoinAsync(created.Code, "Ada");

        var redis = a.App.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var presenceKey = prefix + "presence:" + created.Code;

        var onA = a.App.Services.GetRequiredService<PresenceTracker>().Track(created.Code, ada.PlayerId);
        var onB = b.App.Services.GetRequiredService<PresenceTracker>().Track(created.Code, ada.PlayerId);
        await Eventually.TrueAsync(async () => await redis.HashLengthAsync(presenceKey) == 2, what: "both instances to record Ada's connection");
        onA.Dispose();

        // A's last connection went, B's remains: still connected (each instance alone would have said otherwise).
        await Eventually.TrueAsync(async () => await redis.HashLengthAsync(presenceKey) == 1, what: "instance A to record that its connection closed");
        await AssertConnectedStaysAsync(b, created.Code, ada.PlayerId, expected: true);
        Assert.DoesNotContain(b.EventsOf(created.Code), e => e.Type == EventTypes.PlayerDisconnected);

        onB.Dispose();
        await b.WaitForEventAsync(created.Code, e => e.Type == EventTypes.PlayerDisconnected, what: "the disconnect once the last connection closed");
        Assert.False((await a.ViewAsync(created.Code)).Players.Single().Connected);
    }

    [Fact]
    public async Task PlayersConnectedThroughAnInstanceThatDiesAreMarkedDisconnectedByAnother()
    {
        var prefix = ScaleoutInstance.NewKeyPrefix();
        var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        await using var b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        var created = await b.CreateBluffAsync(new BluffSettings());
        var ada = await b.JoinAsync(created.Code, "Ada");
        var bo = await b.JoinAsync(created.Code, "Bo");
        a.App.Services.GetRequiredService<PresenceTracker>().Track(created.Code, ada.PlayerId);
        b.App.Services.GetRequiredService<PresenceTracker>().Track(created.Code, bo.PlayerId);
        var presence = b.App.Services.GetRequiredService<IClusterPresence>();
        await Eventually.TrueAsync(async () => await presence.ReportAsync(created.Code, ada.PlayerId, 0), what: "Ada's connection on A to be recorded");

        // A goes away without closing Ada's connection (as in a crash, nothing tells the game she left).
        await a.DisposeAsync();

        await b.WaitForEventAsync(created.Code, e => e.Type == EventTypes.PlayerDisconnected, TimeSpan.FromSeconds(30), "Ada to be marked disconnected");
        var players = (await b.ViewAsync(created.Code)).Players;
        Assert.False(players.Single(p => p.Id == ada.PlayerId).Connected);
        Assert.True(players.Single(p => p.Id == bo.PlayerId).Connected);
    }

    // Gives a wrong disconnect time to happen (several heartbeats), then checks it did not.
    private static async Task AssertConnectedStaysAsync(ScaleoutInstance instance, string code, string playerId, bool expected)
    {
        for (var check = 0; check < 10; check++)
        {
            Assert.Equal(expected, (await instance.ViewAsync(code)).Players.Single(p => p.Id == playerId).Connected);
            await Task.Delay(200);
        }
    }
}
