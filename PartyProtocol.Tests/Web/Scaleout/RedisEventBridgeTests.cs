using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Scaleout;
using StackExchange.Redis;

namespace PartyProtocol.Tests.Web.Scaleout;

[Collection(ScaleoutCollection.Name)]
public sealed class RedisEventBridgeTests
{
    [Fact]
    public async Task AnEventLostBetweenInstancesEndsInAResyncAtTheStoresSeqNotInAWrongState()
    {
        var prefix = ScaleoutInstance.NewKeyPrefix();
        var quickGaps = new Dictionary<string, string> { ["Redis:GapTimeout"] = "00:00:00.5" };
        await using var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix, quickGaps);
        await using var b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix, quickGaps);
        var created = await a.CreateBluffAsync(new BluffSettings());
        var code = created.Code;
        await b.WaitForEventAsync(code, e => e.Seq == 1, what: "session.created on B");

        // A third writer commits to the same store but publishes nowhere: its event is lost to both instances.
        var silent = SilentInstance(a, prefix);
        Assert.True((await silent.JoinAsync(code, "Ghost", null)).IsSuccess);
        await a.JoinAsync(code, "Ada");
        var storeSeq = (await a.ViewAsync(code)).Seq;
        Assert.Equal(3, storeSeq);

        foreach (var instance in new[] { a, b })
        {
            var resync = await instance.WaitForEventAsync(code, e => e.Type == EventTypes.SessionResync, what: "the resync");
            Assert.Equal(storeSeq, resync.Seq);
            Assert.Null(resync.Origin);
            Assert.Equal(1, EventData.Json(resync.Data).GetProperty("lastSeq").GetInt64());
            Assert.Equal([1L, 3L], instance.EventsOf(code).Select(e => e.Seq));
            Assert.Equal(EventTypes.SessionResync, instance.EventsOf(code)[^1].Type);
        }

        // Afterwards events flow normally again.
        await b.JoinAsync(code, "Bo");
        await a.WaitForEventAsync(code, e => e.Seq == 4 && e.Type == EventTypes.PlayerJoined, what: "Bo's join on A");
        Assert.Equal([1L, 3L, 4L], a.EventsOf(code).Select(e => e.Seq));
    }

    [Fact]
    public async Task InstancesUnderDifferentKeyPrefixesDoNotSeeEachOthersGames()
    {
        await using var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, ScaleoutInstance.NewKeyPrefix());
        await using var b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, ScaleoutInstance.NewKeyPrefix());
        var created = await a.CreateBluffAsync(new BluffSettings());
        await a.JoinAsync(created.Code, "Ada");

        Assert.Equal(ErrorCodes.SessionNotFound, (await b.Games.GetViewAsync(created.Code, (string?)null)).Error!.Code);
        Assert.Empty(b.EventsOf(created.Code));
    }

    private static GameService SilentInstance(ScaleoutInstance sibling, string prefix)
    {
        var services = sibling.App.Services;
        var store = new RedisSessionStore(services.GetRequiredService<IConnectionMultiplexer>(), new RedisKeys(prefix),
            services.GetRequiredService<SessionCodec>(), TimeProvider.System, services.GetRequiredService<RedisAvailability>(),
            services.GetRequiredService<ILogger<RedisSessionStore>>());
        return new GameService(services.GetRequiredService<CartridgeRegistry>(), store, new GameEventBus("silent"),
            new InMemoryDeadlineScheduler(TimeProvider.System), TimeProvider.System, new GameSessionOptions());
    }
}
