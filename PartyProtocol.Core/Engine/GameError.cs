namespace PartyProtocol.Core.Engine;

/// <summary>How a refusal maps onto transports: the web layer turns each kind into one HTTP status.</summary>
public enum ErrorKind
{
    /// <summary>The request itself is malformed (400).</summary>
    BadRequest,
    /// <summary>No valid credentials for this session (401).</summary>
    Unauthorized,
    /// <summary>Valid credentials, but not allowed to do this (403).</summary>
    Forbidden,
    /// <summary>The thing asked for does not exist (404).</summary>
    NotFound,
    /// <summary>The request is well-formed but conflicts with the game's state (409).</summary>
    Conflict,
    /// <summary>The request is well-formed but its content breaks a rule (422).</summary>
    Invalid,
    /// <summary>Too many requests (429).</summary>
    TooManyRequests,
    /// <summary>A backing service is down; try again later (503).</summary>
    Unavailable,
}

/// <summary>
/// A refusal: a stable machine-readable <see cref="Code"/> (part of the public contract) and a human message.
/// Refusals are values, not exceptions: an illegal move returns one and changes nothing.
/// </summary>
/// <param name="Code">Stable snake_case code, e.g. <c>lie_is_truth</c>.</param>
/// <param name="Message">A sentence a player can read.</param>
/// <param name="Kind">The class of failure, which fixes the HTTP status.</param>
/// <param name="Errors">Optional per-field messages (field name → messages) for validation failures.</param>
public sealed record GameError(
    string Code,
    string Message,
    ErrorKind Kind,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static GameError Invalid(string field, string message) =>
        new(ErrorCodes.InvalidInput, message, ErrorKind.Invalid, new Dictionary<string, string[]> { [field] = [message] });

    public static GameError WrongPhase(string message) => new(ErrorCodes.WrongPhase, message, ErrorKind.Conflict);

    public static GameError PhaseNotComplete(string message) => new(ErrorCodes.PhaseNotComplete, message, ErrorKind.Conflict);
}

/// <summary>The stable error codes shared by every cartridge and transport.</summary>
public static class ErrorCodes
{
    public const string SessionNotFound = "session_not_found";
    public const string UnknownGame = "unknown_game";
    public const string NameTaken = "name_taken";
    public const string InvalidName = "invalid_name";
    public const string RoomFull = "room_full";
    public const string GameInProgress = "game_in_progress";
    public const string Kicked = "kicked";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string WrongPhase = "wrong_phase";
    public const string PhaseNotComplete = "phase_not_complete";
    public const string Paused = "paused";
    public const string NotEnoughPlayers = "not_enough_players";
    public const string PlayerNotFound = "player_not_found";
    public const string UnknownMove = "unknown_move";
    public const string LieIsTruth = "lie_is_truth";
    public const string OwnLie = "own_lie";
    public const string AlreadySubmitted = "already_submitted";
    public const string AlreadyReacted = "already_reacted";
    public const string UnknownAnswer = "unknown_answer";
    public const string InvalidInput = "invalid_input";
    public const string Busy = "busy";
    public const string Unavailable = "unavailable";
}
