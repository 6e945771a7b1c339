using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Web.Realtime;
using Xunit.Abstractions;

namespace PartyProtocol.Tests.Web.Scaleout;

/// <summary>
/// The acceptance test of multi-instance mode against a stalled Redis: the process is frozen with SIGSTOP for 30 s
/// in the middle of a game under two instances, then let go with SIGCONT.
/// </summary>
[Collection(ScaleoutCollection.Name)]
[Trait("Category", "Slow")]
public sealed class RedisStallTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TwoInstancesRideOutAThirtySecondStallMidGameAndEveryTimedPhaseFiresExactlyOnceAfterwards()
    {
        await using var redis = await RedisTestServer.StartAsync();
        var prefix = ScaleoutInstance.NewKeyPrefix();
        await using var a = ScaleoutInstance.Start(redis.ConnectionString, prefix);
        await using var b = ScaleoutInstance.Start(redis.ConnectionString, prefix);
        var instances = new[] { a, b };
        using var healthA = a.App.CreateLiveClient();
        using var healthB = b.App.CreateLiveClient();

        var created = await a.CreateBluffAsync(new BluffSettings(Rounds: 1, LieSeconds: 6, GuessSeconds: 2, RevealStepSeconds: 1, ScoreboardSeconds: 2));
        var code = created.Code;
        await a.JoinAsync(code, "Ada");
        await b.JoinAsync(code, "Bo");
        Assert.True((await b.Games.PlayAsync(code, created.OwnerToken)).IsSuccess);
        var lie = await a.ViewAsync(code);
        Assert.Equal("lie", lie.Phase);
        await b.WaitForEventAsync(code, e => e.Seq == lie.Seq, what: "the lie phase on instance B");

        await redis.PauseAsync();
        var stalledAt = Stopwatch.StartNew();
        try
        {
            // Both instances notice, say so on /healthz, and stay up for the whole stall — past the lie deadline.
            await Eventually.TrueAsync(async () => await StatusAsync(healthA) == HttpStatusCode.ServiceUnavailable, "/healthz of A to go unhealthy", TimeSpan.FromSeconds(10));
            await Eventually.TrueAsync(async () => await StatusAsync(healthB) == HttpStatusCode.ServiceUnavailable, "/healthz of B to go unhealthy", TimeSpan.FromSeconds(10));
            while (stalledAt.Elapsed < Stall)
            {
                AssertRunning(instances);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            Assert.True(DateTimeOffset.UtcNow > lie.Clock!.Deadline!.Value + TimeSpan.FromSeconds(5), "The lie deadline must fall inside the stall.");
        }
        finally
        {
            await redis.ResumeAsync();
        }

        var resumedAt = DateTimeOffset.UtcNow;
        await a.WaitForEventAsync(code, e => e.Type == BluffEvents.GuessStarted, TimeSpan.FromSeconds(10), "the guess phase after the stall");
        var lieFired = instances.SelectMany(i => i.DeadlinesOf(code)).Min(d => d.At);
        output.WriteLine($"The overdue lie deadline was applied {(lieFired - resumedAt).TotalMilliseconds:0} ms after Redis was let go.");
        // Within the deadline scan interval (0.5 s) of Redis answering again, with room for a busy two-core machine.
        Assert.InRange(lieFired - resumedAt, TimeSpan.Zero, TimeSpan.FromSeconds(1.5));

        // Every later timed phase runs by itself to the end of the game, on both instances.
        foreach (var instance in instances)
        {
            await instance.WaitForEventAsync(code, e => e.Type == BluffEvents.GameOver, TimeSpan.FromSeconds(30), "the end of the game");
        }

        var applied = instances.SelectMany(i => i.DeadlinesOf(code)).ToList();
        Assert.All(applied.GroupBy(d => d.TimerId), timer => Assert.Single(timer));
        var eventsOnA = a.EventsOf(code);
        foreach (var instance in instances)
        {
            var events = instance.EventsOf(code);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
            Assert.Equal(eventsOnA.Select(e => e.Type), events.Select(e => e.Type));
            foreach (var phase in new[] { BluffEvents.GuessStarted, BluffEvents.ScoresCalculated, BluffEvents.Scoreboard, BluffEvents.GameOver })
            {
                Assert.Single(events, e => e.Type == phase);
            }
        }

        // Every timed transition after the lie phase was a deadline applied exactly once: guess, the reveal steps, the
        // scoreboard and the game over.
        var reveals = eventsOnA.Count(e => e.Type == BluffEvents.RevealStep);
        Assert.Equal(1 + 1 + (reveals - 1) + 1 + 1, applied.Count);

        await Eventually.TrueAsync(async () => await StatusAsync(healthA) == HttpStatusCode.OK, "/healthz of A to be healthy again", TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(async () => await StatusAsync(healthB) == HttpStatusCode.OK, "/healthz of B to be healthy again", TimeSpan.FromSeconds(10));
        AssertRunning(instances);
        Assert.Equal("game_over", (await b.ViewAsync(code)).Phase);
    }

    private static void AssertRunning(IEnumerable<ScaleoutInstance> instances)
    {
        foreach (var instance in instances)
        {
            Assert.False(instance.App.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested,
                "An instance is stopping: a background loop brought its host down.");
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            using var response = await client.GetAsync("/healthz", timeout.Token);
            return response.StatusCode;
        }
        catch (OperationCanceledException)
        {
            return HttpStatusCode.RequestTimeout;
        }
    }
}
