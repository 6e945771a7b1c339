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

/// <summary>
/// session.moved: after game over the owner chose "play again" with the same players: everyone is seated in the room
/// <paramref name="To"/> under the same name, id and token. Clients switch to that code.
/// </summary>
/// <param name="To">The new room's code.</param>
/// <param name="Game">The new room's game key.</param>
public sealed record SessionMoved(string To, string Game) : IEventData
{
    public static string EventType => EventTypes.SessionMoved;
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

/// <summary>player.name_hidden: the host hid a nickname from the TV; the player is called <paramref name="Name"/> from now on.</summary>
public sealed record PlayerNameHidden(string PlayerId, string Name) : IEventData
{
    public static string EventType => EventTypes.PlayerNameHidden;
}

/// <summary>
/// audience.updated (local to each instance, outside the session's order: its <c>seq</c> is 0): the audience's count
/// and, while or just after it votes, its combined vote. Sent at most a few times a second per session, whatever the
/// number of members; a later one replaces an earlier one.
/// </summary>
/// <param name="Members">Audience members who joined.</param>
/// <param name="Open">False when the host turned the audience off.</param>
/// <param name="Vote">The latest vote's combined counts (<c>{ key, open, counts, total }</c>); null before any vote.</param>
public sealed record AudienceUpdated(long Members, bool Open, AudienceVoteView? Vote) : IEventData
{
    public static string EventType => EventTypes.AudienceUpdated;
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
        EventDefinition.Of<SessionMoved>("Play again: everyone moved to a new room."),
        EventDefinition.Of<SessionResync>("Events were lost between instances: re-read the view."),
        EventDefinition.Of<PlayerJoined>("A player took a seat."),
        EventDefinition.Of<PlayerLeft>("A player left."),
        EventDefinition.Of<PlayerKicked>("The owner kicked a player."),
        EventDefinition.Of<PlayerConnected>("A player's device connected."),
        EventDefinition.Of<PlayerDisconnected>("A player's last device disconnected."),
        EventDefinition.Of<PlayerNameHidden>("The host hid a nickname from the TV."),
        EventDefinition.Of<AudienceUpdated>("The audience's count or combined vote changed (throttled)."),
    ];
}
