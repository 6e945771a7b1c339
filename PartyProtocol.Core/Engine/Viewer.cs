namespace PartyProtocol.Core.Engine;

/// <summary>Who a view or an event is built for.</summary>
public enum ViewerKind
{
    /// <summary>The big screen everyone in the room can see (also the owner and anonymous API callers).</summary>
    Host,
    /// <summary>One player's phone: may see that player's own secrets.</summary>
    Player,
    /// <summary>A watcher with no seat: sees no more than the host screen.</summary>
    Spectator,
    /// <summary>
    /// A member of the audience: sees no more than the host screen, and every member sees the same, so one view and one
    /// serialisation of each event serve them all.
    /// </summary>
    Audience,
}

/// <summary>The audience of a view: the host screen, a spectator, or one given player.</summary>
public readonly record struct Viewer(ViewerKind Kind, string? PlayerId)
{
    public static Viewer Host { get; } = new(ViewerKind.Host, null);

    public static Viewer Spectator { get; } = new(ViewerKind.Spectator, null);

    /// <summary>Every audience member: the view never depends on which one.</summary>
    public static Viewer Audience { get; } = new(ViewerKind.Audience, null);

    public static Viewer Player(string playerId) => new(ViewerKind.Player, playerId);

    public bool IsPlayer(string playerId) => Kind == ViewerKind.Player && PlayerId == playerId;
}
