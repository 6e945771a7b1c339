using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Audience;

/// <summary>
/// The audience's counters, kept outside the session state so that 10,000 members never write to it: the member count
/// (against the room's cap), the room's audience settings, and per vote the choices' counts deduplicated per member.
/// Every operation is commutative, so instances can apply them in any order (Redis in multi-instance mode).
/// </summary>
public interface IAudienceStore
{
    /// <summary>The room's audience settings and member count (defaults when nothing was stored).</summary>
    ValueTask<AudienceRoom> GetRoomAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>The host's settings: whether the audience is open, and its cap.</summary>
    ValueTask<AudienceRoom> SetRoomAsync(string code, bool open, int cap, CancellationToken cancellationToken = default);

    /// <summary>Counts a new member, atomically against the room's settings.</summary>
    ValueTask<AudienceJoin> JoinAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>Counts one member's vote once; refused when the host turned the audience off or the vote was closed.</summary>
    ValueTask<VoteOutcome> VoteAsync(string code, string key, string audienceId, string choice, CancellationToken cancellationToken = default);

    /// <summary>Closes a vote (later votes are refused) and returns its final tally. Closing twice returns the same tally.</summary>
    ValueTask<AudienceTally> CloseAsync(string code, string key, CancellationToken cancellationToken = default);

    /// <summary>What the screens show: the member count and the latest vote (open or just closed).</summary>
    ValueTask<AudienceSnapshot> SnapshotAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>Forgets the room (the session ended).</summary>
    ValueTask ForgetAsync(string code, CancellationToken cancellationToken = default);
}

/// <summary>A room's audience settings and count.</summary>
/// <param name="Open">False when the host turned the audience off.</param>
/// <param name="Cap">The most members the room admits.</param>
/// <param name="Members">Members who joined.</param>
public sealed record AudienceRoom(bool Open, int Cap, long Members)
{
    public const int DefaultCap = 10_000;

    public const int MaxCap = 100_000;
}

/// <summary>The result of <see cref="IAudienceStore.JoinAsync"/>.</summary>
public enum AudienceJoin
{
    Joined,
    Off,
    Full,
}

/// <summary>The result of <see cref="IAudienceStore.VoteAsync"/>.</summary>
public enum VoteOutcome
{
    Counted,
    AlreadyVoted,
    Closed,

    /// <summary>The host turned the audience off.</summary>
    Off,
}

/// <summary>The audience as the screens show it.</summary>
/// <param name="Members">Members who joined.</param>
/// <param name="Vote">The latest vote's tally, or null before any vote.</param>
/// <param name="VoteOpen">Whether that vote is still open.</param>
public sealed record AudienceSnapshot(long Members, AudienceTally? Vote, bool VoteOpen);
