namespace PartyProtocol.Core.Events;

/// <summary>The platform's event types (cartridges add their own, documented in docs/events.md).</summary>
public static class EventTypes
{
    public const string SessionCreated = "session.created";
    public const string SessionStarted = "session.started";
    public const string SessionPaused = "session.paused";
    public const string SessionResumed = "session.resumed";
    public const string SessionEnded = "session.ended";
    public const string SessionMoved = "session.moved";

    /// <summary>
    /// Local only, multi-instance mode: events between the receiver's last seq and this event's seq were lost on
    /// the way between instances; re-read the view (its seq is at least this one) instead of applying events.
    /// </summary>
    public const string SessionResync = "session.resync";
    public const string PlayerJoined = "player.joined";
    public const string PlayerLeft = "player.left";
    public const string PlayerKicked = "player.kicked";
    public const string PlayerConnected = "player.connected";
    public const string PlayerDisconnected = "player.disconnected";
    public const string PlayerNameHidden = "player.name_hidden";

    /// <summary>
    /// Local to each instance and outside the session's order (seq 0): the audience's count and combined vote, throttled.
    /// </summary>
    public const string AudienceUpdated = "audience.updated";
}
