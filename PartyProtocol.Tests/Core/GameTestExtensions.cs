using System.Text.Json;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core;

/// <summary>Short assertions and game-driving steps shared by the engine tests.</summary>
public static class GameTestExtensions
{
    /// <summary>Asserts the call succeeded and returns its value.</summary>
    public static async Task<T> OkAsync<T>(this Task<Result<T>> call)
    {
        var result = await call;
        Assert.True(result.IsSuccess, $"Expected success but got {result.Error?.Code}: {result.Error?.Message}");
        return result.Value;
    }

    /// <summary>Asserts the call was refused with <paramref name="code"/> and returns the refusal.</summary>
    public static async Task<GameError> RefusedAsync<T>(this Task<Result<T>> call, string code)
    {
        var result = await call;
        Assert.False(result.IsSuccess, $"Expected '{code}' but the call succeeded.");
        Assert.Equal(code, result.Error.Code);
        return result.Error;
    }

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

/// <summary>Payloads as clients receive them.</summary>
public static class Json
{
    /// <summary>Serialises with the platform's one JSON shape, as every transport does.</summary>
    public static JsonElement Of(object value) => JsonSerializer.SerializeToElement(value, GameJson.Options);

    public static string Text(object value) => JsonSerializer.Serialize(value, GameJson.Options);
}
