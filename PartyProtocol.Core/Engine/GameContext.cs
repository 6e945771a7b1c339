namespace PartyProtocol.Core.Engine;

/// <summary>A seated player as a cartridge sees them.</summary>
/// <param name="Id">Stable player id (public).</param>
/// <param name="Name">Nickname.</param>
/// <param name="Connected">False while none of the player's devices is connected.</param>
public sealed record PlayerInfo(string Id, string Name, bool Connected);

/// <summary>Everything a cartridge function may read: settings, its state, the players, the time and a seed.</summary>
/// <typeparam name="TSettings">The cartridge's settings record.</typeparam>
/// <typeparam name="TState">The cartridge's state record (may be null before the game starts).</typeparam>
public sealed record GameContext<TSettings, TState>(
    TSettings Settings,
    TState State,
    IReadOnlyList<PlayerInfo> Players,
    DateTimeOffset Now,
    int Seed)
{
    /// <summary>
    /// Time left before the running phase's deadline on the platform's clock: paused time never counts and it stands
    /// still while the game is paused, so speed-based scoring uses this rather than a deadline kept in the state.
    /// Zero inside <c>OnTimeout</c>; null when no deadline runs (in <c>Setup</c>, or in a phase without a timer).
    /// </summary>
    public TimeSpan? Remaining { get; init; }

    /// <summary>
    /// The audience's final tally of the vote the running phase declared (<c>AudienceVote</c>), handed only to the step
    /// that leaves that phase — the vote is closed first, so no vote arrives after it was counted. Null otherwise.
    /// </summary>
    public AudienceTally? Audience { get; init; }

    /// <summary>Players whose devices are connected; phases complete when all of these have acted.</summary>
    public IEnumerable<PlayerInfo> ConnectedPlayers => Players.Where(p => p.Connected);

    public PlayerInfo? Find(string playerId) => Players.FirstOrDefault(p => p.Id == playerId);

    public string NameOf(string playerId) => Find(playerId)?.Name ?? "?";
}
