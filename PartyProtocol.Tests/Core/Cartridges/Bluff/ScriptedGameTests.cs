using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Cartridges.Bluff;

public sealed class ScriptedGameTests
{
    private static readonly TimeSpan RevealStep = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan ScoreboardTime = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task AThreePlayerGameFromLobbyToGameOverScoresExactlyAsComputedByHand()
    {
        using var engine = new TestEngine(new QuestionBankBuilder().WithQuestions(3).Build());
        var game = await engine.CreateAsync(new { rounds = 3 }, "Ann", "Bob", "Cy");
        string ann = game.Id("Ann"), bob = game.Id("Bob"), cy = game.Id("Cy");
        var lobby = await game.ViewAsync();
        Assert.Equal("lobby", lobby.Status);
        Assert.Null(lobby.Phase);
        await game.PlayAsync().OkAsync();

        // ---- Round 1, multiplier ×1 ----
        // Ann and Bob write the same lie in different spellings: one answer with two authors. Cy lets the house lie
        // for him (half points). Three players need four answers: truth, shared lie, Cy's lie, one house decoy.
        Assert.Equal(1, (await game.BluffAsync()).Multiplier);
        await game.LieAsync("Ann", "a velvet anchor").OkAsync();
        await game.LieAsync("Bob", "A Velvet Anchor!").OkAsync();
        var offered = (LieSuggestions)(await game.SuggestAsync("Cy").OkAsync()).Result!;
        var cyLie = offered.Suggestions[0];
        await game.LieAsync("Cy", cyLie).OkAsync();
        var guess = await game.WaitForPhaseAsync(BluffPhases.Guess);
        Assert.Equal(4, guess.Answers.Count);
        Assert.Single(guess.Answers, a => a.Kind == AnswerKind.House);
        var shared = guess.Answer("a velvet anchor");
        Assert.Equal(new[] { ann, bob }.Order(StringComparer.Ordinal), shared.Authors.Order(StringComparer.Ordinal));

        // Ann falls for Cy's house-made lie, Bob finds the truth, Cy falls for the shared lie:
        //   Ann: Cy fooled by the shared lie, 500 × 1                        =  500
        //   Bob: the truth 1000 × 1 + Cy fooled by the shared lie 500 × 1    = 1500
        //   Cy:  Ann fooled by his lie-for-me lie, 500 × 1 ÷ 2               =  250
        await game.GuessAsync("Ann", guess.Answer(cyLie).Id).OkAsync();
        await game.GuessAsync("Bob", guess.Truth().Id).OkAsync();
        await game.GuessAsync("Cy", shared.Id).OkAsync();
        var reveal = await game.WaitForPhaseAsync(BluffPhases.Reveal);

        // Two lies with one picker each (in answer order), then the truth; nobody picked the house decoy, so it stays hidden.
        Assert.Equal(3, reveal.Reveal.Count);
        Assert.Equal(new[] { shared.Id, guess.Answer(cyLie).Id }.Order(), reveal.Reveal.Take(2).Select(s => s.AnswerId).Order());
        AssertStep(reveal, shared.Id, AnswerKind.Lie, authors: [ann, bob], pickers: [cy], points: [(ann, 500), (bob, 500)]);
        AssertStep(reveal, guess.Answer(cyLie).Id, AnswerKind.Lie, authors: [cy], pickers: [ann], points: [(cy, 250)]);
        AssertStep(reveal, guess.Truth().Id, AnswerKind.Truth, authors: [], pickers: [bob], points: [(bob, 1000)]);
        Assert.Equal(guess.Truth().Id, reveal.Reveal[^1].AnswerId);
        AssertRunningScores(reveal, before: new Dictionary<string, int> { [ann] = 0, [bob] = 0, [cy] = 0 });
        var scoreboard = await game.RevealToScoreboardAsync(RevealStep);
        AssertScores(scoreboard, (ann, 500), (bob, 1500), (cy, 250));

        // ---- Round 2, multiplier ×2 ----
        engine.Time.Advance(ScoreboardTime);
        await game.WaitForStateAsync(s => s.Round == 2 && s.Phase == BluffPhases.Lie, "round 2");
        Assert.Equal(2, (await game.BluffAsync()).Multiplier);
        guess = await game.LieAllAsync(("Ann", "a marble harp"), ("Bob", "a tin lighthouse"), ("Cy", "a paper comet"));

        // Three distinct lies and the truth make four answers: no house decoy is needed.
        Assert.Equal(4, guess.Answers.Count);
        Assert.DoesNotContain(guess.Answers, a => a.Kind == AnswerKind.House);

        // Ann finds the truth, Bob falls for Cy's lie, Cy falls for Ann's; nobody picks Bob's lie:
        //   Ann: 1000 × 2 + 500 × 2 = 3000 → 3500      Bob: 0 → 1500      Cy: 500 × 2 = 1000 → 1250
        await game.GuessAsync("Ann", guess.Truth().Id).OkAsync();
        await game.GuessAsync("Bob", guess.Answer("a paper comet").Id).OkAsync();
        await game.GuessAsync("Cy", guess.Answer("a marble harp").Id).OkAsync();
        reveal = await game.WaitForPhaseAsync(BluffPhases.Reveal);
        Assert.Equal(3, reveal.Reveal.Count);
        Assert.DoesNotContain(reveal.Reveal, s => s.AnswerId == guess.Answer("a tin lighthouse").Id);
        AssertStep(reveal, guess.Answer("a paper comet").Id, AnswerKind.Lie, authors: [cy], pickers: [bob], points: [(cy, 1000)]);
        AssertStep(reveal, guess.Answer("a marble harp").Id, AnswerKind.Lie, authors: [ann], pickers: [cy], points: [(ann, 1000)]);
        AssertStep(reveal, guess.Truth().Id, AnswerKind.Truth, authors: [], pickers: [ann], points: [(ann, 2000)]);
        AssertRunningScores(reveal, before: scoreboard.Scores.ToDictionary());
        scoreboard = await game.RevealToScoreboardAsync(RevealStep);
        AssertScores(scoreboard, (ann, 3500), (bob, 1500), (cy, 1250));

        // ---- Round 3, the final round, multiplier ×3 ----
        engine.Time.Advance(ScoreboardTime);
        await game.WaitForStateAsync(s => s.Round == 3 && s.Phase == BluffPhases.Lie, "round 3");
        Assert.Equal(3, (await game.BluffAsync()).Multiplier);
        guess = await game.LieAllAsync(("Ann", "a glass violin"), ("Bob", "a copper moth"), ("Cy", "A GLASS VIOLIN"));
        var violin = guess.Answer("a glass violin");
        var house = guess.Answers.Single(a => a.Kind == AnswerKind.House);
        Assert.Equal(new[] { ann, cy }.Order(StringComparer.Ordinal), violin.Authors.Order(StringComparer.Ordinal));

        // Ann picks the house decoy (it costs nothing), Bob falls for the shared violin, Cy finds the truth:
        //   Ann: 500 × 3 = 1500 → 5000      Bob: 0 → 1500      Cy: 500 × 3 + 1000 × 3 = 4500 → 5750
        await game.GuessAsync("Ann", house.Id).OkAsync();
        await game.GuessAsync("Bob", violin.Id).OkAsync();
        await game.GuessAsync("Cy", guess.Truth().Id).OkAsync();
        reveal = await game.WaitForPhaseAsync(BluffPhases.Reveal);
        Assert.Equal(3, reveal.Reveal.Count);
        AssertStep(reveal, house.Id, AnswerKind.House, authors: [], pickers: [ann], points: []);
        AssertStep(reveal, violin.Id, AnswerKind.Lie, authors: [ann, cy], pickers: [bob], points: [(ann, 1500), (cy, 1500)]);
        AssertStep(reveal, guess.Truth().Id, AnswerKind.Truth, authors: [], pickers: [cy], points: [(cy, 3000)]);
        Assert.Equal(guess.Truth().Id, reveal.Reveal[^1].AnswerId);
        AssertRunningScores(reveal, before: scoreboard.Scores.ToDictionary());
        scoreboard = await game.RevealToScoreboardAsync(RevealStep);
        AssertScores(scoreboard, (ann, 5000), (bob, 1500), (cy, 5750));

        // ---- Game over ----
        engine.Time.Advance(ScoreboardTime);
        var final = await game.WaitForPhaseAsync(BluffPhases.GameOver);
        Assert.Equal("finished", (await game.ViewAsync()).Status);
        Assert.Equal(new[] { (1, cy, 5750), (2, ann, 5000), (3, bob, 1500) },
            final.Final!.Rankings.Select(r => (r.Rank, r.PlayerId, r.Score)));
        var gameOver = Assert.Single(engine.EventsOf(game.Code), e => e.Type == BluffEvents.GameOver);
        Assert.Equal(engine.EventsOf(game.Code)[^1], gameOver);
        Assert.Equal(3, engine.EventsOf(game.Code).Count(e => e.Type == BluffEvents.LieStarted));
    }

    private static void AssertStep(BluffState state, string answerId, AnswerKind kind, string[] authors, string[] pickers,
        (string Player, int Points)[] points)
    {
        var step = Assert.Single(state.Reveal, s => s.AnswerId == answerId);
        Assert.Equal(kind, step.Kind);
        Assert.Equal(authors.Order(StringComparer.Ordinal), step.Authors.Select(a => a.PlayerId).Order(StringComparer.Ordinal));
        Assert.Equal(pickers.Order(StringComparer.Ordinal), step.Pickers.Select(p => p.PlayerId).Order(StringComparer.Ordinal));
        Assert.Equal(points.OrderBy(p => p.Player, StringComparer.Ordinal),
            step.Points.Select(p => (p.PlayerId, p.Points)).OrderBy(p => p.PlayerId, StringComparer.Ordinal));
    }

    /// <summary>Each step's running scores are the previous step's plus that step's points.</summary>
    private static void AssertRunningScores(BluffState state, Dictionary<string, int> before)
    {
        var running = new Dictionary<string, int>(before);
        foreach (var step in state.Reveal)
        {
            foreach (var award in step.Points)
            {
                running[award.PlayerId] += award.Points;
            }

            Assert.Equal(running.OrderBy(s => s.Key, StringComparer.Ordinal), step.Scores.OrderBy(s => s.Key, StringComparer.Ordinal));
        }
    }

    private static void AssertScores(BluffState state, params (string Player, int Score)[] expected) =>
        Assert.Equal(expected.OrderBy(e => e.Player, StringComparer.Ordinal),
            state.Scores.Select(s => (s.Key, s.Value)).OrderBy(s => s.Key, StringComparer.Ordinal));
}
