using System.Collections.Immutable;
using PartyProtocol.Core.Events;

namespace PartyProtocol.Core.Engine;

/// <summary>What happens to the phase clock after a step.</summary>
public enum TimerAction
{
    /// <summary>The running deadline (if any) stays as it is.</summary>
    Keep,
    /// <summary>A new deadline starts now and runs for <see cref="PhaseTimer.Duration"/>.</summary>
    Start,
    /// <summary>No deadline: the phase waits for a move.</summary>
    Clear,
}

/// <summary>A cartridge's instruction to the platform's clock.</summary>
public readonly record struct PhaseTimer(TimerAction Action, TimeSpan Duration)
{
    public static PhaseTimer Keep { get; } = new(TimerAction.Keep, TimeSpan.Zero);

    public static PhaseTimer Clear { get; } = new(TimerAction.Clear, TimeSpan.Zero);

    public static PhaseTimer Start(TimeSpan duration) => new(TimerAction.Start, duration);
}

/// <summary>
/// An event a cartridge wants to emit; the platform stamps it with the session code, the next <c>seq</c> and the time.
/// </summary>
/// <param name="Type">Dotted event type, e.g. <c>phase.guess_started</c>.</param>
/// <param name="Data">The payload every viewer without a private payload receives. Must hold no secret.</param>
/// <param name="PerPlayer">Optional payloads that replace <paramref name="Data"/> for the given player ids.</param>
public sealed record EventDraft(string Type, object Data, IReadOnlyDictionary<string, object>? PerPlayer = null);

/// <summary>
/// The result of a cartridge function: a refusal, or a new state with the events it emits, what happens to the
/// clock, whether the game is over, and an optional reply for the caller.
/// </summary>
/// <typeparam name="TState">The cartridge's state record.</typeparam>
public sealed record Step<TState> where TState : class
{
    /// <summary>The new state; <c>null</c> only for a refusal or <see cref="None"/>.</summary>
    public TState? State { get; init; }

    /// <summary>Events in the order they happen.</summary>
    public ImmutableList<EventDraft> Events { get; init; } = [];

    /// <summary>The clock instruction.</summary>
    public PhaseTimer Timer { get; init; } = PhaseTimer.Keep;

    /// <summary>True when this step ends the game (final rankings were emitted).</summary>
    public bool GameOver { get; init; }

    /// <summary>Something to hand back to the caller only (for example "lie for me" suggestions).</summary>
    public object? Reply { get; init; }

    /// <summary>Set when the move is refused; then nothing else applies.</summary>
    public GameError? Refusal { get; init; }

    /// <summary>A step that changes nothing at all (for example a timeout that no longer applies).</summary>
    public static Step<TState> None { get; } = new();

    public static Step<TState> To(TState state) => new() { State = state };

    public static Step<TState> Refuse(GameError error) => new() { Refusal = error };

    public static implicit operator Step<TState>(GameError error) => Refuse(error);

    /// <summary>Appends an event: its type comes from the payload record; <paramref name="perPlayer"/> replaces the payload for given players.</summary>
    public Step<TState> Emit<TData>(TData data, IReadOnlyDictionary<string, TData>? perPlayer = null)
        where TData : class, IEventData =>
        this with
        {
            Events = Events.Add(new EventDraft(TData.EventType, data,
                perPlayer?.ToDictionary(p => p.Key, p => (object)p.Value, StringComparer.Ordinal))),
        };

    public Step<TState> WithTimer(PhaseTimer timer) => this with { Timer = timer };

    public Step<TState> WithReply(object reply) => this with { Reply = reply };

    public Step<TState> EndGame() => this with { GameOver = true, Timer = PhaseTimer.Clear };

    /// <summary>Chains a follow-up step (for example an automatic transition) after this one.</summary>
    public Step<TState> Then(Func<TState, Step<TState>> next)
    {
        if (Refusal is not null || State is null)
        {
            return this;
        }

        var following = next(State);
        if (following.Refusal is not null || following.State is null)
        {
            return this;
        }

        return following with
        {
            Events = Events.AddRange(following.Events),
            Timer = following.Timer.Action == TimerAction.Keep ? Timer : following.Timer,
            Reply = following.Reply ?? Reply,
            GameOver = GameOver || following.GameOver,
        };
    }
}
