using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Tests.Web.Scaleout;

[Collection(ScaleoutCollection.Name)]
public sealed class CrossInstanceGameTests
{
    private static readonly object QuickGame = new BluffSettings(Rounds: 1, LieSeconds: 60, GuessSeconds: 60, RevealStepSeconds: 1, ScoreboardSeconds: 1);

    [Fact]
    public async Task AGameHostedOnOneInstanceAndPlayedOnAnotherReachesBothInstancesExactlyOnceAndInOrder()
    {
        var prefix = ScaleoutInstance.NewKeyPrefix();
        await using var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        await using var b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);

        var created = await a.CreateBluffAsync(QuickGame);
        var code = created.Code;
        var players = new List<JoinedPlayer>();
        foreach (var name in new[] { "Ada", "Bo", "Cy" })
        {
            players.Add(await b.JoinAsync(code, name));
        }

        Assert.True((await a.Games.PlayAsync(code, created.OwnerToken)).IsSuccess);
        await b.WaitForEventAsync(code, e => e.Type == BluffEvents.QuestionShown, what: "the question on instance B");
        foreach (var player in players)
        {
            var lie = await b.Games.MoveAsync(code, player.PlayerToken, "submit_lie", new SubmitLie("Zorblax the " + player.Name));
            Assert.True(lie.IsSuccess, lie.Error?.Message);
        }

        var guessing = await b.WaitForEventAsync(code, e => e.Type == BluffEvents.GuessStarted, what: "the guess phase on instance B");
        foreach (var player in players)
        {
            // The private payload crossed instances: each player's answers leave out their own lie.
            var own = EventData.Json(guessing.DataFor(Viewer.Player(player.PlayerId))).GetRawText();
            Assert.DoesNotContain("Zorblax the " + player.Name, own, StringComparison.Ordinal);
            Assert.Contains("Zorblax the ", own, StringComparison.Ordinal);

            var view = (BluffView)(await b.ViewAsync(code, player.PlayerToken)).State!;
            var guess = await b.Games.MoveAsync(code, player.PlayerToken, "submit_guess", new SubmitGuess(view.Answers![0].Id));
            Assert.True(guess.IsSuccess, guess.Error?.Message);
        }

        // Reveal steps and the scoreboard run on deadlines, fired by whichever instance claims them.
        await a.WaitForEventAsync(code, e => e.Type == BluffEvents.GameOver, what: "game over on instance A");
        await b.WaitForEventAsync(code, e => e.Type == BluffEvents.GameOver, what: "game over on instance B");

        var finalSeq = (await a.ViewAsync(code)).Seq;
        foreach (var instance in new[] { a, b })
        {
            var seqs = instance.EventsOf(code).Select(e => e.Seq).ToList();
            Assert.Equal(Enumerable.Range(1, (int)finalSeq).Select(i => (long)i), seqs);
        }

        Assert.Equal(a.EventsOf(code).Select(e => e.Type), b.EventsOf(code).Select(e => e.Type));
        Assert.DoesNotContain(a.EventsOf(code), e => e.Type == EventTypes.SessionResync);
        Assert.Equal("finished", (await b.ViewAsync(code)).Status);
    }

    [Fact]
    public async Task SimultaneousSubmissionsThroughTwoInstancesAreNeitherLostNorAppliedTwice()
    {
        var prefix = ScaleoutInstance.NewKeyPrefix();
        await using var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        await using var b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);

        var created = await a.CreateBluffAsync(new BluffSettings(Rounds: 1, LieSeconds: 120, MaxPlayers: 12));
        var code = created.Code;
        var names = Enumerable.Range(1, 12).Select(i => "Player" + i).ToList();
        var joins = await Task.WhenAll(names.Select((name, i) => (i % 2 == 0 ? a : b).Games.JoinAsync(code, name, null)));
        Assert.All(joins, j => Assert.True(j.IsSuccess, j.Error?.Message));
        Assert.Equal(12, (await b.ViewAsync(code)).Players.Count);
        Assert.True((await a.Games.PlayAsync(code, created.OwnerToken)).IsSuccess);

        // All twelve lies released at once, alternating instances.
        using var go = new ManualResetEventSlim();
        var submissions = joins.Select((j, i) => Task.Run(async () =>
        {
            go.Wait();
            return await (i % 2 == 0 ? a : b).Games.MoveAsync(code, j.Value!.PlayerToken, "submit_lie", new SubmitLie("Fib number " + i));
        })).ToList();
        go.Set();
        var results = await Task.WhenAll(submissions);
        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Message));

        // Every lie is in the store exactly once, and the phase moved on when the last one came in.
        var view = await a.ViewAsync(code);
        Assert.Equal("guess", view.Phase);
        var answers = ((BluffView)view.State!).Answers!.Select(x => x.Text).ToList();
        for (var i = 0; i < 12; i++)
        {
            Assert.Single(answers, text => text.Equals("Fib number " + i, StringComparison.OrdinalIgnoreCase));
        }

        // Both instances saw one submission.received per player, once each, in seq order.
        foreach (var instance in new[] { a, b })
        {
            await instance.WaitForEventAsync(code, e => e.Seq == view.Seq, what: $"seq {view.Seq}");
            var events = instance.EventsOf(code);
            Assert.Equal(Enumerable.Range(1, (int)view.Seq).Select(i => (long)i), events.Select(e => e.Seq));
            Assert.Equal(12, events.Count(e => e.Type == BluffEvents.SubmissionReceived));
        }
    }
}
