using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Cartridges.Bluff;

/// <summary>Bluff's steps for a <see cref="TestGame"/>: lies, guesses, reactions, and its state and view.</summary>
public static class BluffTestGame
{
    public static Task<Result<MoveReply>> LieAsync(this TestGame game, string player, string text) =>
        game.MoveAsync(player, "submit_lie", new SubmitLie(text));

    public static Task<Result<MoveReply>> GuessAsync(this TestGame game, string player, string answerId) =>
        game.MoveAsync(player, "submit_guess", new SubmitGuess(answerId));

    public static Task<Result<MoveReply>> ReactAsync(this TestGame game, string player, string answerId, string emoji) =>
        game.MoveAsync(player, "react", new React(answerId, emoji));

    public static Task<Result<MoveReply>> SuggestAsync(this TestGame game, string player) =>
        game.MoveAsync(player, "suggest_lies");

    /// <summary>Bluff's server-side state.</summary>
    public static Task<BluffState> StateAsync(this TestGame game) => game.StateOf<BluffState>();

    /// <summary>Waits (bounded) until the game reaches <paramref name="phase"/>.</summary>
    public static Task<BluffState> WaitForPhaseAsync(this TestGame game, string phase) =>
        game.WaitForStateAsync(s => s.Phase == phase, $"the phase '{phase}'");

    /// <summary>Waits (bounded) until Bluff's state satisfies <paramref name="condition"/>.</summary>
    public static Task<BluffState> WaitForStateAsync(this TestGame game, Func<BluffState, bool> condition, string what) =>
        game.WaitForAsync(condition, what, s => $"in '{s.Phase}' (round {s.Round}, {s.Revealed} of {s.Reveal.Count} revealed)");

    public static async Task<BluffView> BluffAsync(this TestGame game, string? player = null) => (BluffView)(await game.ViewAsync(player)).State!;

    /// <summary>The answer id whose text is <paramref name="text"/> (compared like answers are).</summary>
    public static async Task<string> AnswerIdAsync(this TestGame game, string text) =>
        (await game.StateAsync()).Answers.Single(a => AnswerText.Key(a.Text) == AnswerText.Key(text)).Id;

    public static async Task<string> TruthIdAsync(this TestGame game) => (await game.StateAsync()).Answers.Single(a => a.Kind == AnswerKind.Truth).Id;

    /// <summary>Lets the reveal run step by step (each step lasting <paramref name="step"/>) until the scoreboard shows.</summary>
    public static async Task<BluffState> RevealToScoreboardAsync(this TestGame game, TimeSpan step)
    {
        var state = await game.WaitForPhaseAsync(BluffPhases.Reveal);
        for (var shown = state.Revealed; shown < state.Reveal.Count; shown++)
        {
            game.Engine.Time.Advance(step);
            var expected = shown + 1;
            await game.WaitForStateAsync(s => s.Phase != BluffPhases.Reveal || s.Revealed >= expected, $"reveal step {expected}");
        }

        game.Engine.Time.Advance(step);
        return await game.WaitForPhaseAsync(BluffPhases.Scoreboard);
    }

    /// <summary>
    /// Advances the clock <paramref name="step"/> at a time until the state satisfies <paramref name="condition"/>
    /// (bounded). Small steps keep every deadline firing even when a timed command completes after Advance returns.
    /// </summary>
    public static async Task<BluffState> AdvanceUntilAsync(this TestGame game, Func<BluffState, bool> condition, TimeSpan step,
        string what, int maxSteps = 2000)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            var state = await game.StateAsync();
            if (condition(state))
            {
                return state;
            }

            game.Engine.Time.Advance(step);
            await Task.Yield();
        }

        return await game.WaitForStateAsync(condition, what);
    }

    /// <summary>Every player in <paramref name="lies"/> submits their lie; the lie phase is then over.</summary>
    public static async Task<BluffState> LieAllAsync(this TestGame game, params (string Player, string Text)[] lies)
    {
        foreach (var (player, text) in lies)
        {
            await game.LieAsync(player, text).OkAsync();
        }

        return await game.WaitForPhaseAsync(BluffPhases.Guess);
    }

    /// <summary>The answer a player would click, found by its text.</summary>
    public static BluffAnswer Answer(this BluffState state, string text) =>
        state.Answers.Single(a => AnswerText.Key(a.Text) == AnswerText.Key(text));

    public static BluffAnswer Truth(this BluffState state) => state.Answers.Single(a => a.Kind == AnswerKind.Truth);
}
