using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Sessions;

public sealed class ConcurrencyTests
{
    private const int Repeats = 15;
    private static readonly string[] Players = ["Ann", "Bob", "Cy", "Dee", "Eve", "Fay", "Gus", "Hal"];

    [Fact]
    public async Task EveryPlayerSubmittingAtTheSameMomentIsAppliedExactlyOnce()
    {
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            using var engine = new TestEngine();
            var game = await engine.CreateAsync(null, Players);
            await game.PlayAsync().OkAsync();

            // Every player sends two different lies at once: one of each pair must win, the other be refused (as a repeat,
            // or as too late once the eighth lie has ended the phase).
            var lies = await AllAtOnceAsync(Players.SelectMany(p => new[] { (p, 1), (p, 2) }),
                call => game.LieAsync(call.Item1, $"lie {call.Item2} of {call.Item1}"));

            Assert.Equal(Players.Length, lies.Count(r => r.IsSuccess));
            Assert.All(lies.Where(r => !r.IsSuccess), r => Assert.Contains(r.Error!.Code, new[] { ErrorCodes.AlreadySubmitted, ErrorCodes.WrongPhase }));
            var guess = await game.StateAsync();
            Assert.Equal(BluffPhases.Guess, guess.Phase);
            Assert.Equal(Players.Length, guess.Lies.Count);
            Assert.All(Players, p => Assert.Matches($"^lie [12] of {p}$", guess.Lies[game.Id(p)].Text));
            Assert.Equal(Players.Length + 1, guess.Answers.Count);

            // Then every player guesses the truth at once.
            var guesses = await AllAtOnceAsync(Players, p => game.GuessAsync(p, guess.Truth().Id));

            Assert.All(guesses, r => Assert.True(r.IsSuccess, r.Error?.Message));
            var reveal = await game.StateAsync();
            Assert.Equal(BluffPhases.Reveal, reveal.Phase);
            Assert.Equal(Players.Length, reveal.Guesses.Count);
            Assert.All(Players, p => Assert.Equal(1000, reveal.Scores[game.Id(p)]));
            await AssertEventsAreWholeAsync(engine, game);
        }
    }

    [Fact]
    public async Task ADeadlineRacingTheLastSubmissionsAdvancesThePhaseExactlyOnce()
    {
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            using var engine = new TestEngine();
            var game = await engine.CreateAsync(null, Players);
            await game.PlayAsync().OkAsync();
            engine.Time.Advance(TimeSpan.FromSeconds(60) - TimeSpan.FromMilliseconds(1));

            // Eight lies and the deadline arrive together; whatever made it in before the phase ended is kept.
            var calls = Players.Select(p => (Func<Task<Result<MoveReply>>>)(() => game.LieAsync(p, "lie of " + p))).ToList();
            calls.Add(() =>
            {
                engine.Time.Advance(TimeSpan.FromMilliseconds(1));
                return Task.FromResult(Result<MoveReply>.Ok(new MoveReply(0, null)));
            });
            var results = await AllAtOnceAsync(calls, call => call());

            var guess = await game.WaitForPhaseAsync(BluffPhases.Guess);
            var accepted = results.Take(Players.Length).Count(r => r.IsSuccess);
            Assert.All(results.Take(Players.Length).Where(r => !r.IsSuccess), r => Assert.Equal(ErrorCodes.WrongPhase, r.Error!.Code));
            Assert.Equal(accepted, guess.Lies.Count);
            Assert.Equal(accepted, guess.Answers.Count(a => a.Kind == AnswerKind.Lie));
            await AssertEventsAreWholeAsync(engine, game);
        }
    }

    /// <summary>Starts every call on its own thread-pool task and releases them all at the same instant.</summary>
    private static async Task<List<T>> AllAtOnceAsync<TInput, T>(IEnumerable<TInput> inputs, Func<TInput, Task<T>> call)
    {
        var list = inputs.ToList();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var ready = new CountdownEvent(list.Count);
        var tasks = list.Select(input => Task.Run(async () =>
        {
            ready.Signal();
            await gate.Task;
            return await call(input);
        })).ToList();

        Assert.True(ready.Wait(TimeSpan.FromSeconds(30)), "The callers did not all get ready.");
        gate.SetResult();
        var all = Task.WhenAll(tasks);
        Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30))));
        return [.. await all];
    }

    /// <summary>seq is consecutive, each submission was announced once, and each phase change happened once.</summary>
    private static async Task AssertEventsAreWholeAsync(TestEngine engine, TestGame game)
    {
        var events = engine.EventsOf(game.Code);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Single(events, e => e.Type == BluffEvents.GuessStarted);
        Assert.True(events.Count(e => e.Type == BluffEvents.ScoresCalculated) <= 1);
        var announced = events.Where(e => e.Type == BluffEvents.SubmissionReceived)
            .Select(e => Json.Of(e.Data))
            .Select(d => (d.GetProperty("phase").GetString(), d.GetProperty("playerId").GetString()))
            .ToList();
        Assert.Equal(announced.Count, announced.Distinct().Count());
        var state = await game.StateAsync();
        Assert.Equal(state.Lies.Count + state.Guesses.Count, announced.Count);
    }
}
