using System.Collections.Immutable;

namespace PartyProtocol.Core.Sessions;

/// <summary>Where a session is in its life.</summary>
public enum SessionStatus
{
    /// <summary>Players are joining; the owner has not pressed Play.</summary>
    Lobby,
    /// <summary>The game runs.</summary>
    Playing,
    /// <summary>The owner paused; the clock is frozen and moves are refused.</summary>
    Paused,
    /// <summary>Game over: the final screen stays up for the grace period, then the session is deleted.</summary>
    Finished,
}

/// <summary>A seat in a session.</summary>
/// <param name="Id">Public player id.</param>
/// <param name="Name">Normalised nickname.</param>
/// <param name="TokenHash">SHA-256 of the player's token (the token itself is never stored).</param>
/// <param name="Connected">Whether any of the player's devices is connected.</param>
/// <param name="JoinedAt">When the player joined.</param>
public sealed record SessionPlayer(string Id, string Name, string TokenHash, bool Connected, DateTimeOffset JoinedAt)
{
    /// <summary>True once the player left mid-game: kept for the results, excluded from play.</summary>
    public bool Left { get; init; }

    /// <summary>When the player's last device dropped (null while connected): the reconnect grace counts from here.</summary>
    public DateTimeOffset? DisconnectedAt { get; init; }

    /// <summary>The host hid the player's nickname: <see cref="Name"/> is now "Player N".</summary>
    public bool NameHidden { get; init; }
}

/// <summary>
/// The phase clock. <see cref="TimerId"/> changes whenever a deadline is set, cleared, paused or resumed, or the
/// wake-up for a reconnect grace moves, so a timer that fires for an older id is recognised as stale and changes nothing.
/// </summary>
public sealed record PhaseClock(long TimerId, DateTimeOffset? Deadline, TimeSpan? PausedRemaining, TimeSpan Duration)
{
    public static PhaseClock None { get; } = new(0, null, null, TimeSpan.Zero);

    /// <summary>
    /// When a dropped player's reconnect grace runs out before the deadline: the timer fires then too, so a phase that
    /// only waited for that player can end without waiting for its deadline.
    /// </summary>
    public DateTimeOffset? Wake { get; init; }

    /// <summary>When the timer must fire next: the deadline, or an earlier wake-up.</summary>
    public DateTimeOffset? Due => (Deadline, Wake) switch
    {
        ({ } deadline, { } wake) => wake < deadline ? wake : deadline,
        (null, { } wake) => wake,
        var (deadline, _) => deadline,
    };

    public TimeSpan RemainingAt(DateTimeOffset now) =>
        PausedRemaining ?? (Deadline is { } deadline && deadline > now ? deadline - now : TimeSpan.Zero);
}

/// <summary>
/// One live game session: platform data plus the cartridge's settings and state. Immutable; every change makes a new
/// record with <see cref="Version"/> + 1, and the store refuses a write based on a stale version.
/// </summary>
public sealed record Session
{
    public required string Code { get; init; }

    public required string GameKey { get; init; }

    /// <summary>Optimistic-concurrency version; rises by 1 with every committed change.</summary>
    public required long Version { get; init; }

    /// <summary>
    /// Which stored write this session was read from: a random id the multi-instance store gives every write (empty
    /// in memory). A session derived from it with <c>with</c> keeps it, so the store's compare-and-swap checks the very
    /// write a decision was based on: a copy that forked from the store (Redis lost an acknowledged write, then another
    /// write took the same version number) is never mistaken for the current session nor committed over it.
    /// </summary>
    public string Revision { get; init; } = "";

    /// <summary>The seq of the last event emitted (0 before any).</summary>
    public required long Seq { get; init; }

    public required SessionStatus Status { get; init; }

    public required string OwnerTokenHash { get; init; }

    public ImmutableList<SessionPlayer> Players { get; init; } = [];

    /// <summary>Token hashes and upper-cased names of kicked players: they cannot rejoin.</summary>
    public ImmutableHashSet<string> Kicked { get; init; } = [];

    /// <summary>The cartridge's validated settings record.</summary>
    public required object Settings { get; init; }

    /// <summary>The cartridge's state; null in the lobby.</summary>
    public object? State { get; init; }

    public PhaseClock Clock { get; init; } = PhaseClock.None;

    /// <summary>Seeds every random choice of the game, so a game can be replayed in tests.</summary>
    public required int Seed { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastActivityAt { get; init; }

    /// <summary>When the store may forget the session (2 h after the last move, or the game-over grace period).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The room's own options (streamer mode), chosen when it was opened and kept by "play again".</summary>
    public RoomOptions Options { get; init; } = RoomOptions.Default;

    /// <summary>After "play again": the code of the room the players moved on to.</summary>
    public string? MovedTo { get; init; }

    /// <summary>
    /// Never stored: the final tally of the audience vote a decision closes, read from the audience store for that one
    /// decision (the step that leaves the voting phase gets it as <c>GameContext.Audience</c>).
    /// </summary>
    public Engine.AudienceTally? ClosingVote { get; init; }

    /// <summary>Seated players (not those who left).</summary>
    public IEnumerable<SessionPlayer> ActivePlayers => Players.Where(p => !p.Left);
}

/// <summary>
/// How a room behaves around the game, whatever the game: chosen by the host when opening it, not a game setting.
/// </summary>
/// <param name="StreamerMode">The room code and QR code stay off the TV except when the host shows them in the lobby,
/// and late joiners are sent to the audience (see <see cref="LateJoiners"/>).</param>
/// <param name="HideNames">Nicknames are not shown on the TV (nor in screen views) until the game starts.</param>
public sealed record RoomOptions(bool StreamerMode = false, bool HideNames = false)
{
    public static RoomOptions Default { get; } = new();

    /// <summary>What happens to someone who tries to join after the game started.</summary>
    public LateJoinerPolicy LateJoiners => StreamerMode ? LateJoinerPolicy.Audience : LateJoinerPolicy.Refuse;
}

/// <summary>Where a late joiner goes.</summary>
public enum LateJoinerPolicy
{
    /// <summary>They are told to wait for the next game (<c>game_in_progress</c>).</summary>
    Refuse,

    /// <summary>
    /// They watch (streamer mode): refused like <see cref="Refuse"/> (<c>game_in_progress</c>), with a message that points
    /// to the stream instead of to taking a seat back. The join page sends every late joiner to the audience either way.
    /// </summary>
    Audience,
}
