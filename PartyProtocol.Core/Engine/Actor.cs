namespace PartyProtocol.Core.Engine;

/// <summary>Who may make a move.</summary>
public enum MoveActor
{
    /// <summary>A seated player, identified by a player token.</summary>
    Player,
    /// <summary>The session's owner (the host screen), identified by the owner token.</summary>
    Owner,
    /// <summary>
    /// A member of the audience, identified by an audience token: their moves are votes the platform counts, never a
    /// change to the game's state (see <see cref="Cartridge{TSettings, TState}"/>'s <c>AudienceMove</c>).
    /// </summary>
    Audience,
}

/// <summary>The authenticated caller of a move.</summary>
public readonly record struct Actor(MoveActor Kind, string? PlayerId)
{
    public static Actor Owner { get; } = new(MoveActor.Owner, null);

    public static Actor Player(string playerId) => new(MoveActor.Player, playerId);

    /// <summary>An audience member; <paramref name="audienceId"/> is theirs, never a player id.</summary>
    public static Actor Audience(string audienceId) => new(MoveActor.Audience, audienceId);

    public Viewer AsViewer => Kind switch
    {
        MoveActor.Player when PlayerId is not null => Viewer.Player(PlayerId),
        MoveActor.Audience => Viewer.Audience,
        _ => Viewer.Host,
    };
}
