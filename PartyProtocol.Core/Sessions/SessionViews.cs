using System.Text.Json;

namespace PartyProtocol.Core.Sessions;

/// <summary>A seat as every viewer sees it.</summary>
public sealed record PlayerView(string Id, string Name, bool Connected, bool Left)
{
    /// <summary>True when the host hid this player's nickname (they show as "Player N"); absent otherwise.</summary>
    public bool? NameHidden { get; init; }
}

/// <summary>Who the view is for.</summary>
/// <param name="Role"><c>host</c>, <c>player</c> or <c>spectator</c>.</param>
public sealed record ViewerView(string Role, string? PlayerId, string? Name)
{
    /// <summary>For a player: the host hid their nickname from the TV (they show as <see cref="Name"/>).</summary>
    public bool NameHidden { get; init; }
}

/// <summary>The phase clock for a client: an absolute deadline plus the remaining time; clients count down locally.</summary>
/// <param name="Deadline">UTC deadline, null while paused or without a deadline.</param>
/// <param name="RemainingMs">Milliseconds left (frozen while paused).</param>
/// <param name="DurationMs">The phase's full length, for drawing a progress bar.</param>
/// <param name="Paused">Whether the clock is frozen.</param>
public sealed record ClockView(DateTimeOffset? Deadline, long RemainingMs, long DurationMs, bool Paused);

/// <summary>
/// A viewer's snapshot of a session: the platform part (status, players, clock, seq) and the cartridge's own view
/// under <see cref="State"/>. <see cref="Seq"/> is the last event's sequence number, for resynchronising.
/// </summary>
public sealed record SessionView(
    string Code,
    string Game,
    string GameName,
    string Status,
    long Seq,
    long Version,
    string? Phase,
    ClockView? Clock,
    IReadOnlyList<PlayerView> Players,
    int MinPlayers,
    int Capacity,
    ViewerView You,
    IReadOnlyDictionary<string, JsonElement> Settings,
    object? State)
{
    /// <summary>The room's options (streamer mode, hidden names).</summary>
    public RoomOptions Room { get; init; } = RoomOptions.Default;

    /// <summary>After "play again": the code of the new room everyone moved to; follow it.</summary>
    public string? MovedTo { get; init; }
}

/// <summary>What creating a session returns: the room code and the owner's token (shown once).</summary>
public sealed record CreatedSession(string Code, string OwnerToken, SessionView View);

/// <summary>What joining returns: the player's id and token (keep it to reconnect).</summary>
public sealed record JoinedPlayer(string PlayerId, string PlayerToken, string Name, bool Rejoined);

/// <summary>What a move returns: the cartridge's reply (if any) and the session's seq after the move.</summary>
public sealed record MoveReply(long Seq, object? Result);

/// <summary>An authenticated caller of a session, as transports need it.</summary>
public sealed record SessionCaller(string Code, Engine.Viewer Viewer, bool IsOwner, string GameKey);
