using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Tests.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Events;

public sealed class EventSequenceTests
{
    [Fact]
    public async Task SeqStartsAtOneAndRisesByExactlyOnePerSession()
    {
        using var engine = new TestEngine();
        var first = await engine.CreateAsync(new { rounds = 1 }, "Ann", "Bob", "Cy");
        var second = await engine.CreateAsync(null, "Dee");
        await first.PlayAsync().OkAsync();
        await second.JoinAsync("Eve");
        await engine.Service.SetConnectedAsync(first.Code, first.Id("Cy"), connected: false).OkAsync();
        await engine.Service.SetConnectedAsync(first.Code, first.Id("Cy"), connected: true).OkAsync();
        await first.OwnerMoveAsync("show_question").OkAsync();
        await first.PauseAsync().OkAsync();
        await first.PlayAsync().OkAsync();
        var guess = await first.LieAllAsync(("Ann", "ann lie"), ("Bob", "bob lie"), ("Cy", "cy lie"));
        await first.ReactAsync("Bob", guess.Answer("ann lie").Id, "🤔").OkAsync();
        await first.GuessAsync("Ann", guess.Truth().Id).OkAsync();
        await first.GuessAsync("Bob", guess.Answer("cy lie").Id).OkAsync();
        await first.GuessAsync("Cy", guess.Answer("ann lie").Id).OkAsync();
        await first.AdvanceUntilAsync(s => s.Phase == BluffPhases.GameOver, TimeSpan.FromSeconds(1), "game over");
        await second.PlayAsync().OkAsync();
        await second.ExitAsync().OkAsync();

        foreach (var game in new[] { first, second })
        {
            var seqs = engine.EventsOf(game.Code).Select(e => e.Seq).ToList();
            Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
            Assert.Equal(EventTypes.SessionCreated, engine.EventsOf(game.Code)[0].Type);
        }

        Assert.Equal(engine.EventsOf(first.Code)[^1].Seq, (await first.ViewAsync()).Seq);
        Assert.True(engine.EventsOf(first.Code).Count > 20);
    }

    [Fact]
    public async Task ARefusedMoveEmitsNothing()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        await game.LieAsync("Ann", "ann lie").OkAsync();
        var before = engine.EventsOf(game.Code).Count;
        var seq = (await game.ViewAsync()).Seq;

        await game.LieAsync("Ann", "again").RefusedAsync(ErrorCodes.AlreadySubmitted);
        await game.OwnerMoveAsync("mix_answers").RefusedAsync(ErrorCodes.PhaseNotComplete);
        await game.PlayAsync().RefusedAsync(ErrorCodes.WrongPhase);
        await engine.Service.MoveAsync(game.Code, game.Token("Bob"), "no_such_move", null).RefusedAsync(ErrorCodes.UnknownMove);
        await engine.Service.MoveAsync(game.Code, game.Token("Bob"), "submit_lie", null).RefusedAsync(ErrorCodes.InvalidInput);

        Assert.Equal(before, engine.EventsOf(game.Code).Count);
        Assert.Equal(seq, (await game.ViewAsync()).Seq);
    }

    [Fact]
    public async Task EachStepOfTheRoundEmitsItsPhaseEvent()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { rounds = 2 }, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        await game.OwnerMoveAsync("show_question").OkAsync();

        await game.AdvanceUntilAsync(s => s.Phase == BluffPhases.GameOver, TimeSpan.FromSeconds(1), "game over");

        string[] round = [BluffEvents.LieStarted, BluffEvents.QuestionShown, BluffEvents.GuessStarted, BluffEvents.ScoresCalculated, BluffEvents.Scoreboard];
        string[] expected = [BluffEvents.LieStarted, BluffEvents.QuestionShown, BluffEvents.QuestionShown, .. round[2..], .. round, BluffEvents.GameOver];
        var types = engine.EventsOf(game.Code).Select(e => e.Type).ToList();
        Assert.Equal(expected, types.Where(t => t.StartsWith("phase.", StringComparison.Ordinal)));
        Assert.Equal(types.IndexOf(BluffEvents.LieStarted) - 1, types.IndexOf(EventTypes.SessionStarted));
    }

    [Fact]
    public async Task PhaseEventsCarryTheirDeadlineAndTheScoreChanges()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { rounds = 2 }, "Ann", "Bob");
        var started = engine.Time.GetUtcNow();
        await game.PlayAsync().OkAsync();
        var guess = await game.LieAllAsync(("Ann", "ann lie"), ("Bob", "bob lie"));
        await game.GuessAsync("Ann", guess.Truth().Id).OkAsync();
        await game.GuessAsync("Bob", guess.Answer("ann lie").Id).OkAsync();

        var events = engine.EventsOf(game.Code);
        var lie = Json.Of(events.Single(e => e.Type == BluffEvents.LieStarted).Data);
        Assert.Equal(started.AddSeconds(60), lie.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal(60_000, lie.GetProperty("timeLimitMs").GetInt64());
        var scores = Json.Of(events.Single(e => e.Type == BluffEvents.ScoresCalculated).Data);
        var deltas = scores.GetProperty("deltas").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!, d => d.GetProperty("delta").GetInt32());
        // Round 1 of 2 scores ×1: Ann finds the truth and fools Bob.
        Assert.Equal(new Dictionary<string, int> { ["Ann"] = 1500, ["Bob"] = 0 }, deltas);
    }
}
