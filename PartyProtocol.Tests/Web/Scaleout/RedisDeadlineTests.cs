using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Web.Realtime;
using PartyProtocol.Web.Scaleout;
using StackExchange.Redis;

namespace PartyProtocol.Tests.Web.Scaleout;

[Collection(ScaleoutCollection.Name)]
public sealed class RedisDeadlineTests
{
    [Fact]
    public async Task WhenTheSchedulingInstanceStopsAnotherInstanceFiresTheDeadlineExactlyOnceWithinTwoSeconds()
    {
        var prefix = ScaleoutInstance.NewKeyPrefix();
        var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        await using var b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);

        var created = await b.CreateBluffAsync(new BluffSettings(Rounds: 1, LieSeconds: 5, GuessSeconds: 60));
        var code = created.Code;
        await b.JoinAsync(code, "Ada");
        await b.JoinAsync(code, "Bo");

        // Instance A starts the timed lie phase, so A scheduled its deadline; then A goes away.
        Assert.True((await a.Games.PlayAsync(code, created.OwnerToken)).IsSuccess);
        var lie = await b.ViewAsync(code);
        Assert.Equal("lie", lie.Phase);
        var deadline = lie.Clock!.Deadline!.Value;
        var lieTimer = await TimerIdAsync(b, code);
        await a.DisposeAsync();
        Assert.True(DateTimeOffset.UtcNow < deadline, "Instance A took so long to stop that the deadline passed first; the test proves nothing.");

        await b.WaitForEventAsync(code, e => e.Type == BluffEvents.GuessStarted, TimeSpan.FromSeconds(20), "the guess phase after the lie deadline");
        var applied = Assert.Single(b.DeadlinesOf(code));
        Assert.Equal(lieTimer, applied.TimerId);
        Assert.Empty(a.DeadlinesOf(code));
        Assert.InRange(applied.At, deadline, deadline + TimeSpan.FromSeconds(2));
        Assert.Equal("guess", (await b.ViewAsync(code)).Phase);
    }

    [Fact]
    public async Task AStaleTimerFiringAfterThePhaseMovedOnChangesNothing()
    {
        var prefix = ScaleoutInstance.NewKeyPrefix();
        await using var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        await using var b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);

        var created = await a.CreateBluffAsync(new BluffSettings(Rounds: 1, LieSeconds: 1, GuessSeconds: 600));
        var code = created.Code;
        await b.JoinAsync(code, "Ada");
        await b.JoinAsync(code, "Bo");
        Assert.True((await a.Games.PlayAsync(code, created.OwnerToken)).IsSuccess);
        var lieTimer = await TimerIdAsync(a, code);
        await a.WaitForEventAsync(code, e => e.Type == BluffEvents.GuessStarted, what: "the guess phase");
        var before = await a.ViewAsync(code);
        var applied = a.DeadlinesOf(code).Count + b.DeadlinesOf(code).Count;
        Assert.Equal(1, applied);

        // The old timer fires again on both instances, directly and through a stale entry put back into Redis.
        await a.Games.HandleDeadlineAsync(code, lieTimer);
        await b.Games.HandleDeadlineAsync(code, lieTimer);
        var redis = a.App.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        await redis.SortedSetAddAsync(prefix + "deadlines", code, 0);
        await Eventually.TrueAsync(async () => await redis.SortedSetScoreAsync(prefix + "deadlines", code) > 0, what: "the stale entry to be repaired");

        var after = await b.ViewAsync(code);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Seq, after.Seq);
        Assert.Equal("guess", after.Phase);
        Assert.Equal(applied, a.DeadlinesOf(code).Count + b.DeadlinesOf(code).Count);
    }

    [Fact]
    public async Task PauseTakesTheDeadlineOutOfRedisAndResumePutsItBackWithTheRemainingTime()
    {
        var prefix = ScaleoutInstance.NewKeyPrefix();
        await using var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        await using var b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        var redis = a.App.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

        var created = await a.CreateBluffAsync(new BluffSettings(Rounds: 1, LieSeconds: 60));
        var code = created.Code;
        await a.JoinAsync(code, "Ada");
        await a.JoinAsync(code, "Bo");
        Assert.True((await a.Games.PlayAsync(code, created.OwnerToken)).IsSuccess);
        Assert.NotNull(await redis.SortedSetScoreAsync(prefix + "deadlines", code));

        Assert.True((await b.Games.PauseAsync(code, created.OwnerToken)).IsSuccess);
        Assert.Null(await redis.SortedSetScoreAsync(prefix + "deadlines", code));
        var paused = await a.ViewAsync(code);
        Assert.True(paused.Clock!.Paused);

        Assert.True((await a.Games.PlayAsync(code, created.OwnerToken)).IsSuccess);
        var due = await redis.SortedSetScoreAsync(prefix + "deadlines", code);
        Assert.NotNull(due);
        var serverNow = await ServerMillisecondsAsync(redis);
        // Due in about the time that was left at the pause (by Redis's clock), not in a fresh 60 s.
        Assert.InRange(due!.Value - serverNow, paused.Clock.RemainingMs - 5_000, paused.Clock.RemainingMs + 1_000);
        Assert.Equal(await TimerIdAsync(a, code), long.Parse((string)(await redis.HashGetAsync(prefix + "session:" + code, "timer"))!));
    }

    private static async Task<long> TimerIdAsync(ScaleoutInstance instance, string code)
    {
        var session = await instance.App.Services.GetRequiredService<RedisSessionStore>().GetAsync(code);
        return session!.Clock.TimerId;
    }

    private static async Task<double> ServerMillisecondsAsync(IDatabase redis)
    {
        var time = (RedisResult[])(await redis.ExecuteAsync("TIME"))!;
        return (long)time[0] * 1000 + (long)time[1] / 1000;
    }
}
