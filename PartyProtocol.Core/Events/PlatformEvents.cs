using System.Text.Json;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Core.Events;

/// <summary>session.created: the session exists (seq 1; no client can be connected yet).</summary>
/// <param name="Game">The cartridge key.</param>
/// <param name="Settings">Every setting's value, defaults filled in.</param>
public sealed record SessionCreated(string Game, IReadOnlyDictionary<string, JsonElement> Settings) : IEventData
{
    public static string EventType => EventTypes.SessionCreated;
}

/// <summary>session.started: the owner pressed Play in the lobby; the game's first events follow in the same step.</summary>
public sealed record SessionStarted(int PlayerCount) : IEventData
{
    public static string EventType => EventTypes.SessionStarted;
}

/// <summary>session.paused: the clock froze with <paramref name="RemainingMs"/> left; moves are refused until resumed.</summary>
public sealed record SessionPaused(long RemainingMs, long DurationMs) : IEventData
{
    public static string EventType => EventTypes.SessionPaused;
}

/// <summary>session.resumed: the phase continues with exactly the time that was left.</summary>
/// <param name="Deadline">The new deadline; null for a phase without one.</param>
public sealed record SessionResumed(DateTimeOffset? Deadline, long RemainingMs, long DurationMs) : IEventData
{
    public static string EventType => EventTypes.SessionResumed;
}

/// <summary>session.ended: the session is over for everyone and deleted; nothing follows it.</summary>
/// <param name="Reason">Why it ended (see <see cref="SessionEndReasons"/>).</param>
public sealed record SessionEnded(string Reason) : IEventData
{
    public static string EventType => EventTypes.SessionEnded;
}

/// <summary>Why a session ended, as <see cref="SessionEnded.Reason"/> says it.</summary>
public static class SessionEndReasons
{
    /// <summary>The owner ended the session.</summary>
    public const string Exit = "exit";

    /// <summary>The game was over and its final screen's grace period (<c>Sessions:GameOverGrace</c>) ran out.</summary>
    public const string GameOver = "game_over";

    /// <summary>Nobody made a move for <c>Sessions:IdleExpiry</c>, so the session expired.</summary>
    public const string Idle = "idle";

    /// <summary>The store no longer has the session although it had not expired (for example Redis restarted without it).</summary>
    public const string Lost = "lost";
}

/// <summary>
/// session.resync (multi-instance mode, local to one instance): events between <paramref name="LastSeq"/> and
/// <paramref name="Seq"/> were lost between instances; re-read the view instead of applying events.
/// </summary>
/// <param name="Reason"><c>gap</c> or <c>reconnect</c>.</param>
public sealed record SessionResync(long LastSeq, long Seq, string Reason) : IEventData
{
    public static string EventType => EventTypes.SessionResync;
}

/// <summary>player.joined: a new seat was taken.</summary>
public sealed record PlayerJoined(PlayerView Player, int PlayerCount, int Capacity) : IEventData
{
    public static string EventType => EventTypes.PlayerJoined;
}

/// <summary>player.left: a player left (in a running game the seat is kept, marked left).</summary>
public sealed record PlayerLeft(string PlayerId, string Name, int PlayerCount) : IEventData
{
    public static string EventType => EventTypes.PlayerLeft;
}

/// <summary>player.kicked: the owner removed a player, who can never rejoin this session.</summary>
public sealed record PlayerKicked(string PlayerId, string Name, int PlayerCount) : IEventData
{
    public static string EventType => EventTypes.PlayerKicked;
}

/// <summary>player.connected: a player's devices went from none connected to at least one.</summary>
public sealed record PlayerConnected(string PlayerId, string Name) : IEventData
{
    public static string EventType => EventTypes.PlayerConnected;
}

/// <summary>player.disconnected: none of a player's devices is connected any more.</summary>
public sealed record PlayerDisconnected(string PlayerId, string Name) : IEventData
{
    public static string EventType => EventTypes.PlayerDisconnected;
}

/// <summary>The platform's own event types, for docs and tests.</summary>
public static class PlatformEvents
{
    public static IReadOnlyList<EventDefinition> All { get; } =
    [
        EventDefinition.Of<SessionCreated>("The session was created."),
        EventDefinition.Of<SessionStarted>("The owner started the game."),
        EventDefinition.Of<SessionPaused>("The owner paused the game."),
        EventDefinition.Of<SessionResumed>("The owner resumed the game."),
        EventDefinition.Of<SessionEnded>("The session ended for everyone."),
        EventDefinition.Of<SessionResync>("Events were lost between instances: re-read the view."),
        EventDefinition.Of<PlayerJoined>("A player took a seat."),
        EventDefinition.Of<PlayerLeft>("A player left."),
        EventDefinition.Of<PlayerKicked>("The owner kicked a player."),
        EventDefinition.Of<PlayerConnected>("A player's device connected."),
        EventDefinition.Of<PlayerDisconnected>("A player's last device disconnected."),
    ];
}
