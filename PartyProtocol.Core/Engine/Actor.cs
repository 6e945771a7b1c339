namespace PartyProtocol.Core.Engine;

/// <summary>Who may make a move.</summary>
public enum MoveActor
{
    /// <summary>A seated player, identified by a player token.</summary>
    Player,
    /// <summary>The session's owner (the host screen), identified by the owner token.</summary>
    Owner,
}

/// <summary>The authenticated caller of a move.</summary>
public readonly record struct Actor(MoveActor Kind, string? PlayerId)
{
    public static Actor Owner { get; } = new(MoveActor.Owner, null);

    public static Actor Player(string playerId) => new(MoveActor.Player, playerId);

    public Viewer AsViewer => Kind == MoveActor.Player && PlayerId is not null ? Viewer.Player(PlayerId) : Viewer.Host;
}
