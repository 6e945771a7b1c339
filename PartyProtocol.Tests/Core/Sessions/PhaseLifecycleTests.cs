using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Sessions;

public sealed class PhaseLifecycleTests
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task ThePhaseEndsEarlyWhenEveryConnectedPlayerHasSubmitted()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();

        await game.LieAsync("Ann", "first lie").OkAsync();
        await game.LieAsync("Bob", "second lie").OkAsync();
        Assert.Equal(BluffPhases.Lie, (await game.StateAsync()).Phase);
        await game.LieAsync("Cy", "third lie").OkAsync();

        var guess = await game.StateAsync();
        Assert.Equal(BluffPhases.Guess, guess.Phase);
        Assert.Equal(30_000, (await game.ViewAsync()).Clock!.RemainingMs);
        await game.GuessAsync("Ann", guess.Truth().Id).OkAsync();
        await game.GuessAsync("Bob", guess.Truth().Id).OkAsync();
        Assert.Equal(BluffPhases.Guess, (await game.StateAsync()).Phase);
        await game.GuessAsync("Cy", guess.Truth().Id).OkAsync();
        Assert.Equal(BluffPhases.Reveal, (await game.StateAsync()).Phase);
    }

    [Fact]
    public async Task ADroppedPlayerKeepsTheirTurnThroughTheGraceThenThePhaseGoesOnWithoutThem()
    {
        using var engine = new TestEngine();
        var grace = new GameSessionOptions().ReconnectGrace;
        var game = await engine.CreateAsync(null, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();
        await game.LieAsync("Ann", "first lie").OkAsync();
        await game.LieAsync("Bob", "second lie").OkAsync();

        await engine.Service.SetConnectedAsync(game.Code, game.Id("Cy"), connected: false).OkAsync();
        Assert.Equal(BluffPhases.Lie, (await game.StateAsync()).Phase);
        engine.Time.Advance(grace - TimeSpan.FromSeconds(1));
        Assert.Equal(BluffPhases.Lie, (await game.StateAsync()).Phase);

        // The grace ends long before the phase's own deadline, and the phase stops waiting for Cy.
        engine.Time.Advance(TimeSpan.FromSeconds(1));
        var guess = await game.WaitForPhaseAsync(BluffPhases.Guess);
        Assert.DoesNotContain(game.Id("Cy"), guess.Lies.Keys);
        await game.GuessAsync("Ann", guess.Answer("second lie").Id).OkAsync();
        await engine.Service.SetConnectedAsync(game.Code, game.Id("Bob"), connected: false).OkAsync();
        Assert.Equal(BluffPhases.Guess, (await game.StateAsync()).Phase);
        engine.Time.Advance(grace);
        await game.WaitForPhaseAsync(BluffPhases.Reveal);
    }

    [Fact]
    public async Task AReloadInsideTheGraceCostsNothing()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();
        await game.LieAsync("Ann", "first lie").OkAsync();
        await game.LieAsync("Bob", "second lie").OkAsync();

        await engine.Service.SetConnectedAsync(game.Code, game.Id("Cy"), connected: false).OkAsync();
        engine.Time.Advance(TimeSpan.FromSeconds(5));
        await engine.Service.SetConnectedAsync(game.Code, game.Id("Cy"), connected: true).OkAsync();
        engine.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(BluffPhases.Lie, (await game.StateAsync()).Phase);

        await game.LieAsync("Cy", "third lie").OkAsync();
        Assert.Contains(game.Id("Cy"), (await game.WaitForPhaseAsync(BluffPhases.Guess)).Lies.Keys);
    }

    [Fact]
    public async Task TheGraceIsASettingAndZeroEndsThePhaseAtTheDrop()
    {
        using var engine = new TestEngine(options: new GameSessionOptions { ReconnectGrace = TimeSpan.Zero });
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        await game.LieAsync("Ann", "first lie").OkAsync();

        await engine.Service.SetConnectedAsync(game.Code, game.Id("Bob"), connected: false).OkAsync();

        Assert.Equal(BluffPhases.Guess, (await game.StateAsync()).Phase);
    }

    [Fact]
    public async Task APlayerWhoDisconnectedStillMayMoveAndIsWaitedForAgainOnceBack()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();
        await engine.Service.SetConnectedAsync(game.Code, game.Id("Cy"), connected: false).OkAsync();
        await game.LieAsync("Ann", "first lie").OkAsync();
        await engine.Service.SetConnectedAsync(game.Code, game.Id("Cy"), connected: true).OkAsync();

        await game.LieAsync("Bob", "second lie").OkAsync();

        Assert.Equal(BluffPhases.Lie, (await game.StateAsync()).Phase);
        await game.LieAsync("Cy", "third lie").OkAsync();
        Assert.Equal(BluffPhases.Guess, (await game.StateAsync()).Phase);
    }

    [Fact]
    public async Task APlayerWhoLeavesMidGameIsNoLongerWaitedFor()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();
        await game.LieAsync("Ann", "first lie").OkAsync();
        await game.LieAsync("Bob", "second lie").OkAsync();

        await engine.Service.RemovePlayerAsync(game.Code, game.Id("Cy"), game.Token("Cy")).OkAsync();

        var guess = await game.StateAsync();
        Assert.Equal(BluffPhases.Guess, guess.Phase);
        // Two players remain, so there are three answers: the truth and the two lies.
        Assert.Equal(3, guess.Answers.Count);
        Assert.True((await game.ViewAsync()).Players.Single(p => p.Name == "Cy").Left);
        await engine.Service.JoinAsync(game.Code, "Cy", game.Token("Cy")).RefusedAsync(ErrorCodes.GameInProgress);
    }

    [Fact]
    public async Task APlayerWhoLeavesAfterLyingTakesTheirLieWithThem()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();
        await game.LieAsync("Cy", "the leaver's lie").OkAsync();
        await engine.Service.RemovePlayerAsync(game.Code, game.Id("Cy"), game.Token("Cy")).OkAsync();

        var guess = await game.LieAllAsync(("Ann", "first lie"), ("Bob", "second lie"));

        // Answers are exactly players + 1, and none is credited to someone no longer in the game.
        Assert.Equal(3, guess.Answers.Count);
        Assert.DoesNotContain(guess.Answers, a => a.Authors.Contains(game.Id("Cy")));
        Assert.DoesNotContain(guess.Answers, a => a.Text == "the leaver's lie");
    }

    [Fact]
    public async Task ThePhaseEndsAtItsDeadlineAndNotAMillisecondBefore()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        await game.LieAsync("Ann", "only one lie").OkAsync();

        engine.Time.Advance(TimeSpan.FromSeconds(60) - Millisecond);
        Assert.Equal(BluffPhases.Lie, (await game.StateAsync()).Phase);
        Assert.Equal(1, (await game.ViewAsync()).Clock!.RemainingMs);
        engine.Time.Advance(Millisecond);

        var guess = await game.WaitForPhaseAsync(BluffPhases.Guess);
        Assert.Contains(guess.Answers, a => a.Text == "only one lie");
        engine.Time.Advance(TimeSpan.FromSeconds(30) - Millisecond);
        Assert.Equal(BluffPhases.Guess, (await game.StateAsync()).Phase);
        engine.Time.Advance(Millisecond);
        await game.WaitForPhaseAsync(BluffPhases.Reveal);
    }

    [Fact]
    public async Task PauseKeepsTheRemainingTimeExactly()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        engine.Time.Advance(TimeSpan.FromSeconds(22.5));

        await game.PauseAsync().OkAsync();

        var paused = await game.ViewAsync();
        Assert.Equal("paused", paused.Status);
        Assert.Equal(new ClockView(null, 37_500, 60_000, Paused: true), paused.Clock);

        // Far past the original deadline: a clock that kept running would have ended the phase long ago.
        engine.Time.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(BluffPhases.Lie, (await game.StateAsync()).Phase);
        Assert.Equal(37_500, (await game.ViewAsync()).Clock!.RemainingMs);

        await game.PlayAsync().OkAsync();

        var resumed = await game.ViewAsync();
        Assert.Equal("playing", resumed.Status);
        Assert.Equal(new ClockView(engine.Time.GetUtcNow().AddMilliseconds(37_500), 37_500, 60_000, Paused: false), resumed.Clock);
        engine.Time.Advance(TimeSpan.FromMilliseconds(37_499));
        Assert.Equal(BluffPhases.Lie, (await game.StateAsync()).Phase);
        engine.Time.Advance(Millisecond);
        await game.WaitForPhaseAsync(BluffPhases.Guess);

        var events = engine.EventsOf(game.Code);
        var pausedEvent = Assert.Single(events, e => e.Type == EventTypes.SessionPaused);
        var resumedEvent = Assert.Single(events, e => e.Type == EventTypes.SessionResumed);
        Assert.Equal(37_500L, Json.Of(pausedEvent.Data).GetProperty("remainingMs").GetInt64());
        Assert.Equal(37_500L, Json.Of(resumedEvent.Data).GetProperty("remainingMs").GetInt64());
    }

    [Fact]
    public async Task PausingAndResumingRepeatedlyLosesNoTime()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        // Ten seconds of play in five slices, with long pauses in between.
        for (var i = 0; i < 5; i++)
        {
            engine.Time.Advance(TimeSpan.FromSeconds(2));
            await game.PauseAsync().OkAsync();
            engine.Time.Advance(TimeSpan.FromMinutes(10));
            await game.PlayAsync().OkAsync();
        }

        Assert.Equal(50_000, (await game.ViewAsync()).Clock!.RemainingMs);
        engine.Time.Advance(TimeSpan.FromSeconds(50) - Millisecond);
        Assert.Equal(BluffPhases.Lie, (await game.StateAsync()).Phase);
        engine.Time.Advance(Millisecond);
        await game.WaitForPhaseAsync(BluffPhases.Guess);
    }

    [Fact]
    public async Task MovesWhilePausedAreRefused()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        await game.LieAsync("Ann", "a lie before the pause").OkAsync();
        await game.PauseAsync().OkAsync();

        var error = await game.LieAsync("Bob", "a lie during the pause").RefusedAsync(ErrorCodes.Paused);
        await game.SuggestAsync("Bob").RefusedAsync(ErrorCodes.Paused);
        await game.OwnerMoveAsync("mix_answers").RefusedAsync(ErrorCodes.Paused);
        await game.PauseAsync().RefusedAsync(ErrorCodes.WrongPhase);

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Single((await game.StateAsync()).Lies);
        await game.PlayAsync().OkAsync();
        await game.LieAsync("Bob", "a lie after the pause").OkAsync();
        Assert.Equal(BluffPhases.Guess, (await game.StateAsync()).Phase);
    }

    [Fact]
    public async Task ADisconnectWhilePausedCompletesThePhaseOnlyOnResume()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        await game.LieAsync("Ann", "a lie before the pause").OkAsync();
        await game.PauseAsync().OkAsync();

        await engine.Service.SetConnectedAsync(game.Code, game.Id("Bob"), connected: false).OkAsync();
        engine.Time.Advance(new GameSessionOptions().ReconnectGrace + TimeSpan.FromSeconds(1));
        Assert.Equal(BluffPhases.Lie, (await game.StateAsync()).Phase);

        await game.PlayAsync().OkAsync();
        Assert.Equal(BluffPhases.Guess, (await game.StateAsync()).Phase);
    }

    [Fact]
    public async Task TheOwnerCannotSkipAPhaseWhilePlayersStillHaveTime()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();
        await game.LieAsync("Ann", "first lie").OkAsync();

        var lie = await game.OwnerMoveAsync("mix_answers").RefusedAsync(ErrorCodes.PhaseNotComplete);
        await game.OwnerMoveAsync("calculate_scores").RefusedAsync(ErrorCodes.WrongPhase);
        await game.OwnerMoveAsync("reveal_scoreboard").RefusedAsync(ErrorCodes.WrongPhase);
        await game.OwnerMoveAsync("start_round").RefusedAsync(ErrorCodes.WrongPhase);
        await game.OwnerMoveAsync("finish_game").RefusedAsync(ErrorCodes.WrongPhase);
        Assert.Contains("Bob", lie.Message, StringComparison.Ordinal);
        Assert.Contains("Cy", lie.Message, StringComparison.Ordinal);
        Assert.Equal(BluffPhases.Lie, (await game.StateAsync()).Phase);

        var guess = await game.LieAllAsync(("Bob", "second lie"), ("Cy", "third lie"));
        await game.GuessAsync("Ann", guess.Answer("second lie").Id).OkAsync();
        await game.GuessAsync("Bob", guess.Answer("third lie").Id).OkAsync();
        await game.OwnerMoveAsync("calculate_scores").RefusedAsync(ErrorCodes.PhaseNotComplete);
        await game.OwnerMoveAsync("mix_answers").RefusedAsync(ErrorCodes.WrongPhase);
        Assert.Equal(BluffPhases.Guess, (await game.StateAsync()).Phase);

        await game.GuessAsync("Cy", guess.Answer("first lie").Id).OkAsync();
        var reveal = await game.StateAsync();
        Assert.Equal((BluffPhases.Reveal, 1, 4), (reveal.Phase, reveal.Revealed, reveal.Reveal.Count));
        for (var shown = 2; shown <= 4; shown++)
        {
            await game.OwnerMoveAsync("reveal_scoreboard").RefusedAsync(ErrorCodes.PhaseNotComplete);
            engine.Time.Advance(TimeSpan.FromSeconds(4));
            await game.WaitForStateAsync(s => s.Revealed == shown, $"reveal step {shown}");
        }

        // Every step has been shown: the owner may now move on without waiting for the last step's time.
        await game.OwnerMoveAsync("reveal_scoreboard").OkAsync();
        Assert.Equal(BluffPhases.Scoreboard, (await game.StateAsync()).Phase);
        await game.OwnerMoveAsync("finish_game").RefusedAsync(ErrorCodes.PhaseNotComplete);
    }

    [Fact]
    public async Task ExitEndsTheSessionForEveryoneAndDeletesIt()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        await game.LieAsync("Ann", "a lie").OkAsync();
        Assert.Equal(1, engine.Scheduler.Pending);

        await game.ExitAsync().OkAsync();

        Assert.Null(await engine.Store.GetAsync(game.Code));
        Assert.Equal(0, engine.Store.Count);
        Assert.Equal(0, engine.Scheduler.Pending);
        Assert.Equal(EventTypes.SessionEnded, engine.EventsOf(game.Code)[^1].Type);
        await game.LieAsync("Bob", "too late").RefusedAsync(ErrorCodes.SessionNotFound);
        await engine.Service.GetViewAsync(game.Code, game.Token("Ann")).RefusedAsync(ErrorCodes.SessionNotFound);
        await engine.Service.JoinAsync(game.Code, "Cy", null).RefusedAsync(ErrorCodes.SessionNotFound);
        await game.PlayAsync().RefusedAsync(ErrorCodes.SessionNotFound);
        await game.ExitAsync().RefusedAsync(ErrorCodes.SessionNotFound);

        // The lie phase's deadline passing later changes nothing and emits nothing.
        var events = engine.EventsOf(game.Code).Count;
        engine.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(events, engine.EventsOf(game.Code).Count);
    }

    [Fact]
    public async Task AFinishedGameIsDeletedAfterTheTenMinuteGracePeriod()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { rounds = 1, lieSeconds = 1, guessSeconds = 1, revealStepSeconds = 1, scoreboardSeconds = 1 }, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        await game.AdvanceUntilAsync(s => s.Phase == BluffPhases.GameOver, TimeSpan.FromSeconds(1), "game over");
        var over = engine.EventsOf(game.Code).Single(e => e.Type == BluffEvents.GameOver).At;

        // The final screen stays up for the grace period, whatever happens on it meanwhile.
        engine.Time.SetUtcNow(over + TimeSpan.FromMinutes(5));
        await engine.Service.SetConnectedAsync(game.Code, game.Id("Bob"), connected: false).OkAsync();
        engine.Time.SetUtcNow(over + TimeSpan.FromMinutes(10) - Millisecond);
        Assert.Equal("finished", (await game.ViewAsync()).Status);
        engine.Time.SetUtcNow(over + TimeSpan.FromMinutes(10));

        await engine.Service.GetViewAsync(game.Code, (string?)null).RefusedAsync(ErrorCodes.SessionNotFound);
        engine.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, engine.Store.Count);
    }

    [Fact]
    public async Task AnIdleSessionExpiresTwoHoursAfterItsLastMove()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann");

        engine.Time.Advance(TimeSpan.FromHours(1.5));
        await game.JoinAsync("Bob");
        engine.Time.Advance(TimeSpan.FromHours(2) - Millisecond);
        await engine.Service.GetViewAsync(game.Code, (string?)null).OkAsync();
        engine.Time.Advance(Millisecond);

        await engine.Service.GetViewAsync(game.Code, (string?)null).RefusedAsync(ErrorCodes.SessionNotFound);
        await engine.Service.JoinAsync(game.Code, "Cy", null).RefusedAsync(ErrorCodes.SessionNotFound);
        engine.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, engine.Store.Count);
    }

    [Fact]
    public async Task APausedGameExpiresAfterTwoHoursWithoutAMove()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        await game.PauseAsync().OkAsync();

        engine.Time.Advance(TimeSpan.FromHours(2) - Millisecond);
        Assert.Equal("paused", (await game.ViewAsync()).Status);
        engine.Time.Advance(Millisecond);

        await game.PlayAsync().RefusedAsync(ErrorCodes.SessionNotFound);
    }

    [Fact]
    public async Task ExpiryCanBeConfigured()
    {
        using var engine = new TestEngine(options: new GameSessionOptions { IdleExpiry = TimeSpan.FromMinutes(3), GameOverGrace = TimeSpan.FromSeconds(30) });
        var idle = await engine.CreateAsync(null, "Ann");
        var game = await engine.CreateAsync(new { rounds = 1, lieSeconds = 1, guessSeconds = 1, revealStepSeconds = 1, scoreboardSeconds = 1 }, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        await game.AdvanceUntilAsync(s => s.Phase == BluffPhases.GameOver, TimeSpan.FromSeconds(1), "game over");

        engine.Time.Advance(TimeSpan.FromSeconds(30));

        await engine.Service.GetViewAsync(game.Code, (string?)null).RefusedAsync(ErrorCodes.SessionNotFound);
        await engine.Service.GetViewAsync(idle.Code, (string?)null).OkAsync();
        engine.Time.Advance(TimeSpan.FromMinutes(3));
        await engine.Service.GetViewAsync(idle.Code, (string?)null).RefusedAsync(ErrorCodes.SessionNotFound);
    }
}
