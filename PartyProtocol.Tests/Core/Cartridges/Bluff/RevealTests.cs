using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Cartridges.Bluff;

public sealed class RevealTests
{
    private static readonly TimeSpan RevealStep = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task LiesAreRevealedFewestPickersFirstAndTheTruthLast()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { rounds = 3 }, "Ann", "Bob", "Cy", "Dee", "Eve");
        string ann = game.Id("Ann"), bob = game.Id("Bob"), eve = game.Id("Eve");
        await game.PlayAsync().OkAsync();
        var guess = await game.LieAllAsync(("Ann", "ann lie"), ("Bob", "bob lie"), ("Cy", "cy lie"), ("Dee", "dee lie"), ("Eve", "eve lie"));

        // Three players fall for Ann's lie, one for Bob's; Ann finds the truth; nobody picks Cy's, Dee's or Eve's lie.
        await game.GuessAsync("Bob", guess.Answer("ann lie").Id).OkAsync();
        await game.GuessAsync("Cy", guess.Answer("ann lie").Id).OkAsync();
        await game.GuessAsync("Dee", guess.Answer("ann lie").Id).OkAsync();
        await game.GuessAsync("Eve", guess.Answer("bob lie").Id).OkAsync();
        await game.GuessAsync("Ann", guess.Truth().Id).OkAsync();
        var reveal = await game.WaitForPhaseAsync(BluffPhases.Reveal);

        // Round 1 scores ×1.
        Assert.Equal(new[] { guess.Answer("bob lie").Id, guess.Answer("ann lie").Id, guess.Truth().Id }, reveal.Reveal.Select(s => s.AnswerId));
        Assert.Equal(new[] { (1, 3), (2, 3), (3, 3) }, reveal.Reveal.Select(s => (s.Index, s.Total)));
        Assert.Equal(new[] { "bob lie", "ann lie", guess.Truth().Text }, reveal.Reveal.Select(s => s.Text));
        Assert.Equal(new[] { AnswerKind.Lie, AnswerKind.Lie, AnswerKind.Truth }, reveal.Reveal.Select(s => s.Kind));
        Assert.Equal(new[] { "Bob" }, reveal.Reveal[0].Authors.Select(a => a.Name));
        Assert.Equal(new[] { "Eve" }, reveal.Reveal[0].Pickers.Select(p => p.Name));
        Assert.Equal(new[] { (bob, 500, "fooled") }, reveal.Reveal[0].Points.Select(p => (p.PlayerId, p.Points, p.Reason)));
        Assert.Equal(new[] { "Ann" }, reveal.Reveal[1].Authors.Select(a => a.Name));
        Assert.Equal(new[] { "Bob", "Cy", "Dee" }, reveal.Reveal[1].Pickers.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { (ann, 1500, "fooled") }, reveal.Reveal[1].Points.Select(p => (p.PlayerId, p.Points, p.Reason)));
        Assert.Empty(reveal.Reveal[2].Authors);
        Assert.Equal(new[] { "Ann" }, reveal.Reveal[2].Pickers.Select(p => p.Name));
        Assert.Equal(new[] { (ann, 1000, "found_truth") }, reveal.Reveal[2].Points.Select(p => (p.PlayerId, p.Points, p.Reason)));

        Assert.Equal(new[] { (0, 500, 0), (1500, 500, 0), (2500, 500, 0) },
            reveal.Reveal.Select(s => (s.Scores[ann], s.Scores[bob], s.Scores[eve])));
    }

    [Fact]
    public async Task TheTruthIsRevealedLastEvenWhenNobodyPickedIt()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();
        var guess = await game.LieAllAsync(("Ann", "ann lie"), ("Bob", "bob lie"), ("Cy", "cy lie"));

        await game.GuessAsync("Ann", guess.Answer("bob lie").Id).OkAsync();
        await game.GuessAsync("Bob", guess.Answer("cy lie").Id).OkAsync();
        await game.GuessAsync("Cy", guess.Answer("ann lie").Id).OkAsync();

        var reveal = await game.WaitForPhaseAsync(BluffPhases.Reveal);
        Assert.Equal(4, reveal.Reveal.Count);
        var truth = reveal.Reveal[^1];
        Assert.Equal((guess.Truth().Id, AnswerKind.Truth), (truth.AnswerId, truth.Kind));
        Assert.Empty(truth.Pickers);
        Assert.Empty(truth.Points);
        Assert.All(reveal.Reveal.Take(3), s => Assert.Equal(AnswerKind.Lie, s.Kind));
    }

    [Fact]
    public async Task WhenNobodyGuessesOnlyTheTruthIsRevealed()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        await game.LieAllAsync(("Ann", "ann lie"), ("Bob", "bob lie"));

        engine.Time.Advance(TimeSpan.FromSeconds(30));

        var reveal = await game.WaitForPhaseAsync(BluffPhases.Reveal);
        var only = Assert.Single(reveal.Reveal);
        Assert.Equal(AnswerKind.Truth, only.Kind);
        Assert.All(only.Scores.Values, score => Assert.Equal(0, score));
    }

    [Fact]
    public async Task TheRevealShowsOneStepAtATimeWithTheScoresClimbing()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { rounds = 3 }, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();
        var guess = await game.LieAllAsync(("Ann", "ann lie"), ("Bob", "bob lie"), ("Cy", "cy lie"));
        await game.GuessAsync("Ann", guess.Answer("bob lie").Id).OkAsync();
        await game.GuessAsync("Bob", guess.Answer("cy lie").Id).OkAsync();
        await game.GuessAsync("Cy", guess.Truth().Id).OkAsync();
        var plan = await game.WaitForPhaseAsync(BluffPhases.Reveal);

        for (var shown = 1; shown <= plan.Reveal.Count; shown++)
        {
            var view = await game.BluffAsync();
            Assert.Equal(shown, view.Reveal!.Count);
            Assert.Equal(plan.Reveal.Count, view.RevealTotal);
            Assert.Equal(plan.Reveal.Take(shown).Select(s => s.AnswerId), view.Reveal.Select(s => s.AnswerId));
            // The big screen's scores are those after the last step shown, not the round's final ones.
            Assert.Equal(plan.Reveal[shown - 1].Scores.OrderBy(s => s.Key, StringComparer.Ordinal),
                view.Scores.Select(s => KeyValuePair.Create(s.PlayerId, s.Score)).OrderBy(s => s.Key, StringComparer.Ordinal));
            engine.Time.Advance(RevealStep);
            await game.WaitForStateAsync(s => s.Phase == BluffPhases.Scoreboard || s.Revealed > shown, "the next step");
        }

        Assert.Equal(BluffPhases.Scoreboard, (await game.StateAsync()).Phase);
        var steps = engine.EventsOf(game.Code).Where(e => e.Type == BluffEvents.RevealStep).Select(e => e.Data).ToList();
        Assert.Equal(Json.Text(plan.Reveal), Json.Text(steps));
    }

    [Fact]
    public async Task PickingAHouseDecoyCostsNothingAndScoresNeverGoNegative()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { rounds = 3 }, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        // Round 1 (×1): nobody lies, so the answers are the truth and two house decoys, and both players pick one.
        engine.Time.Advance(TimeSpan.FromSeconds(60));
        var guess = await game.WaitForPhaseAsync(BluffPhases.Guess);
        var houses = guess.Answers.Where(a => a.Kind == AnswerKind.House).ToList();
        await game.GuessAsync("Ann", houses[0].Id).OkAsync();
        await game.GuessAsync("Bob", houses[1].Id).OkAsync();
        var reveal = await game.WaitForPhaseAsync(BluffPhases.Reveal);
        Assert.Equal(new[] { AnswerKind.House, AnswerKind.House, AnswerKind.Truth }, reveal.Reveal.Select(s => s.Kind));
        Assert.All(reveal.Reveal, s => Assert.Empty(s.Points));
        Assert.All(reveal.Reveal, s => Assert.All(s.Scores.Values, score => Assert.Equal(0, score)));
        await game.RevealToScoreboardAsync(RevealStep);

        // Round 2 (×2): Ann finds the truth; Bob picks a house decoy again and keeps his 0.
        engine.Time.Advance(TimeSpan.FromSeconds(8));
        await game.WaitForStateAsync(s => s.Round == 2 && s.Phase == BluffPhases.Lie, "round 2");
        engine.Time.Advance(TimeSpan.FromSeconds(60));
        guess = await game.WaitForPhaseAsync(BluffPhases.Guess);
        await game.GuessAsync("Ann", guess.Truth().Id).OkAsync();
        await game.GuessAsync("Bob", guess.Answers.First(a => a.Kind == AnswerKind.House).Id).OkAsync();
        reveal = await game.WaitForPhaseAsync(BluffPhases.Reveal);
        Assert.All(reveal.Reveal, s => Assert.All(s.Scores.Values, score => Assert.True(score >= 0)));
        Assert.Equal((2000, 0), (reveal.Scores[game.Id("Ann")], reveal.Scores[game.Id("Bob")]));
        Assert.Equal(2, (await game.StateAsync()).Stats[game.Id("Bob")].LiesPicked);
    }
}
