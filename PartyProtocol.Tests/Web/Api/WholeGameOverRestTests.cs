using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Realtime;

namespace PartyProtocol.Tests.Web.Api;

public sealed class WholeGameOverRestTests
{
    [Fact]
    public async Task AThreePlayerGamePlayedOverRestReachesAHubScreenAndAWebSocketHostInOrder()
    {
        using var app = new PartyAppFactory();
        using var api = new ApiTestClient(app);
        // Reveal steps advance on their own; the scoreboard waits for the owner, so every owner step is deterministic.
        var game = await api.CreateGameAsync(new { rounds = 2, lieSeconds = 600, guessSeconds = 600, revealStepSeconds = 1, scoreboardSeconds = 120 });
        var published = new EventLog();
        using var recording = app.Services.GetRequiredService<GameEventBus>()
            .Subscribe(game.Code, e => published.Add(JsonSerializer.SerializeToElement(e.For(Viewer.Host), GameJson.Options)));

        await using var screen = await HubListener.ConnectAsync(app.BaseAddress, game.Code);
        await using var host = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "role=host");
        var joinedAt = (await game.ViewAsync()).GetProperty("seq").GetInt64();
        Assert.Equal(1, joinedAt);
        var seq = joinedAt;

        // Asserts the events the last call published (server side, synchronously before it answered).
        void Published(long after, params string[] types)
        {
            var emitted = published.Events.Where(e => e.GetProperty("seq").GetInt64() > seq && e.GetProperty("seq").GetInt64() <= after).ToList();
            Assert.Equal(types, emitted.Select(e => e.GetProperty("type").GetString()));
            seq = after;
        }

        foreach (var name in new[] { "Ann", "Bob", "Cy" })
        {
            await game.JoinAsync(name);
        }

        Published((await game.ViewAsync()).GetProperty("seq").GetInt64(), "player.joined", "player.joined", "player.joined");

        // ---- Round 1 (×1): Ann finds the truth, Bob falls for Cy's "lie for me", Cy falls for Ann's lie.
        Published(await game.OwnerOkAsync("play"), "session.started", "phase.lie_started", "phase.question_shown");
        var lieStarted = published.OfType("phase.lie_started").Single().GetProperty("data");
        Assert.Equal(600_000, lieStarted.GetProperty("remainingMs").GetInt64());
        Assert.True(lieStarted.GetProperty("deadline").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(9));
        Published(await game.OwnerOkAsync("question"), "phase.question_shown");

        var truth = await game.TruthAsync();
        const string annLie1 = "a velvet submarine", bobLie1 = "three angry owls";
        Assert.DoesNotContain(AnswerText.Key(truth), new[] { AnswerText.Key(annLie1), AnswerText.Key(bobLie1) });
        Published((await game.PlayerOkAsync("Ann", "lies", new { text = annLie1 })).GetProperty("seq").GetInt64(), "submission.received");
        Published((await game.PlayerOkAsync("Bob", "lies", new { text = bobLie1 })).GetProperty("seq").GetInt64(), "submission.received");
        var suggested = await game.PlayerOkAsync("Cy", "lies/suggestions");
        Published(suggested.GetProperty("seq").GetInt64());
        var cyLie1 = suggested.GetProperty("result").GetProperty("suggestions")[0].GetString()!;
        var cyLied = await game.PlayerOkAsync("Cy", "lies", new { text = cyLie1 });
        Assert.True(cyLied.GetProperty("result").GetProperty("lieForMe").GetBoolean());
        Published(cyLied.GetProperty("seq").GetInt64(), "submission.received", "phase.guess_started");

        var bobAnswer = await game.AnswerIdAsync(bobLie1);
        var reacted = await game.PlayerOkAsync("Ann", "reactions", new { answerId = bobAnswer, emoji = "😂" });
        Published(reacted.GetProperty("seq").GetInt64(), "reaction.updated");
        Assert.Equal(1, published.OfType("reaction.updated").Single().GetProperty("data").GetProperty("counts").GetProperty("😂").GetInt32());

        Published((await game.PlayerOkAsync("Ann", "guesses", new { answerId = await game.TruthIdAsync() })).GetProperty("seq").GetInt64(), "submission.received");
        Published((await game.PlayerOkAsync("Bob", "guesses", new { answerId = await game.AnswerIdAsync(cyLie1) })).GetProperty("seq").GetInt64(), "submission.received");
        var lastGuess = await game.PlayerOkAsync("Cy", "guesses", new { answerId = await game.AnswerIdAsync(annLie1) });
        Published(lastGuess.GetProperty("seq").GetInt64(), "submission.received", "phase.scores_calculated", "reveal.step");
        var deltas = published.OfType("phase.scores_calculated").Single().GetProperty("data").GetProperty("deltas").EnumerateArray()
            .ToDictionary(d => d.GetProperty("name").GetString()!, d => d.GetProperty("delta").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["Ann"] = 1500, ["Bob"] = 0, ["Cy"] = 250 }, deltas);

        // The reveal runs on its timer: Cy's lie and Ann's lie (one picker each), then the truth, then the scoreboard.
        var scoreboard1 = await host.Log.WaitForTypeAsync("phase.scoreboard");
        Published(scoreboard1.GetProperty("seq").GetInt64(), "reveal.step", "reveal.step", "phase.scoreboard");
        var reveal = published.OfType("reveal.step").Select(e => e.GetProperty("data")).ToList();
        Assert.Equal([1, 2, 3], reveal.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal("truth", reveal[^1].GetProperty("kind").GetString());

        // ---- Round 2 (final, ×3): Ann falls for Bob's lie; Bob and Cy find the truth.
        Published(await game.OwnerOkAsync("rounds"), "phase.lie_started", "phase.question_shown");
        const string annLie2 = "a lighthouse keeper", bobLie2 = "exactly forty spoons", cyLie2 = "the moon in winter";
        Published((await game.PlayerOkAsync("Ann", "lies", new { text = annLie2 })).GetProperty("seq").GetInt64(), "submission.received");
        Published((await game.PlayerOkAsync("Bob", "lies", new { text = bobLie2 })).GetProperty("seq").GetInt64(), "submission.received");
        Published((await game.PlayerOkAsync("Cy", "lies", new { text = cyLie2 })).GetProperty("seq").GetInt64(), "submission.received", "phase.guess_started");
        Published((await game.PlayerOkAsync("Ann", "guesses", new { answerId = await game.AnswerIdAsync(bobLie2) })).GetProperty("seq").GetInt64(), "submission.received");
        Published((await game.PlayerOkAsync("Bob", "guesses", new { answerId = await game.TruthIdAsync() })).GetProperty("seq").GetInt64(), "submission.received");
        Published((await game.PlayerOkAsync("Cy", "guesses", new { answerId = await game.TruthIdAsync() })).GetProperty("seq").GetInt64(),
            "submission.received", "phase.scores_calculated", "reveal.step");
        var scoreboard2 = await host.Log.WaitForAsync(e => e.GetProperty("type").GetString() == "phase.scoreboard" && e.GetProperty("seq").GetInt64() > scoreboard1.GetProperty("seq").GetInt64(), "the final scoreboard");
        Assert.True(scoreboard2.GetProperty("data").GetProperty("finalRound").GetBoolean());
        Published(scoreboard2.GetProperty("seq").GetInt64(), "reveal.step", "phase.scoreboard");

        var finished = await game.OwnerOkAsync("finish");
        Published(finished, "phase.game_over");

        // Both transports carried every event from the moment they joined, in order, exactly once.
        await screen.Log.WaitForSeqAsync(finished);
        await host.Log.WaitForSeqAsync(finished);
        var expectedSeqs = Enumerable.Range((int)joinedAt + 1, (int)(finished - joinedAt)).Select(i => (long)i).ToList();
        var expectedTypes = published.Events.Where(e => e.GetProperty("seq").GetInt64() > joinedAt).Select(e => e.GetProperty("type").GetString()).ToList();
        foreach (var log in new[] { screen.Log, host.Log })
        {
            Assert.Equal(expectedSeqs, log.Events.Select(e => e.GetProperty("seq").GetInt64()));
            Assert.Equal(expectedTypes, log.Events.Select(e => e.GetProperty("type").GetString()));
            Assert.All(log.Events, e =>
            {
                Assert.Equal(game.Code, e.GetProperty("code").GetString());
                Assert.Equal(TimeSpan.Zero, e.GetProperty("at").GetDateTimeOffset().Offset);
                Assert.True(e.TryGetProperty("data", out _));
            });
        }

        Assert.DoesNotContain(host.Log.Events, e => e.GetProperty("type").GetString()!.Contains("tick", StringComparison.Ordinal));

        // The final scores are what the rules give for the moves above.
        var expected = Scores(
            new Round(Multiplier: 1, LieForMe: ["Cy"], Picks: new() { ["Ann"] = null, ["Bob"] = "Cy", ["Cy"] = "Ann" }),
            new Round(Multiplier: 3, LieForMe: [], Picks: new() { ["Ann"] = "Bob", ["Bob"] = null, ["Cy"] = null }));
        var gameOver = screen.Log.OfType("phase.game_over").Single().GetProperty("data");
        var rankings = gameOver.GetProperty("rankings").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("score").GetInt32());
        Assert.Equal(expected, rankings);
        Assert.Equal("Bob", gameOver.GetProperty("rankings")[0].GetProperty("name").GetString());
        var finalView = await game.ViewAsync();
        Assert.Equal("finished", finalView.GetProperty("status").GetString());
        Assert.Equal(finished, finalView.GetProperty("seq").GetInt64());
    }

    /// <param name="Multiplier">The round's multiplier: with two rounds, ×1 and then ×3 for the final round.</param>
    /// <param name="LieForMe">Players whose lie came from "lie for me" (half points).</param>
    /// <param name="Picks">Picker → author of the lie they picked, or null for the truth.</param>
    private sealed record Round(int Multiplier, string[] LieForMe, Dictionary<string, string?> Picks);

    // Bluff's rules: finding the truth earns 1000 × multiplier; each player fooled earns the liar 500 × multiplier, halved for a lie-for-me lie.
    private static Dictionary<string, int> Scores(params Round[] rounds)
    {
        var scores = rounds[0].Picks.Keys.ToDictionary(name => name, _ => 0);
        foreach (var round in rounds)
        {
            foreach (var (picker, author) in round.Picks)
            {
                if (author is null)
                {
                    scores[picker] += 1000 * round.Multiplier;
                }
                else
                {
                    scores[author] += 500 * round.Multiplier / (round.LieForMe.Contains(author) ? 2 : 1);
                }
            }
        }

        return scores;
    }
}
