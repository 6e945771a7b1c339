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
/// <param name="Code">Stable snake_case code: a platform code from <see cref="ErrorCodes"/> or one the cartridge declares.</param>
/// <param name="Message">A sentence a player can read.</param>
/// <param name="Kind">The class of failure, which fixes the HTTP status.</param>
/// <param name="Errors">Optional per-field messages (field name → messages) for validation failures.</param>
public sealed record GameError(
    string Code,
    string Message,
    ErrorKind Kind,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>
    /// The <see cref="Errors"/> as codes and values (<see cref="FieldError"/>), so a client can word them in another
    /// language; a field missing here, or a message that differs from its <see cref="FieldError.Message"/>, is shown
    /// as it is. Built together with <see cref="Errors"/> by <see cref="Invalid(string, FieldError)"/> and
    /// <see cref="Fields"/>.
    /// </summary>
    public IReadOnlyDictionary<string, FieldError[]>? FieldErrors { get; init; }

    public static GameError Invalid(string field, string message) =>
        new(ErrorCodes.InvalidInput, message, ErrorKind.Invalid, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>One field refused, worded by its <see cref="FieldError"/> (also the refusal's message).</summary>
    public static GameError Invalid(string field, FieldError error) =>
        Fields(ErrorCodes.InvalidInput, error.Message, ErrorKind.Invalid, new Dictionary<string, FieldError[]> { [field] = [error] });

    /// <summary>A refusal of fields: <see cref="Errors"/> holds their English sentences, <see cref="FieldErrors"/> their codes.</summary>
    public static GameError Fields(string code, string message, ErrorKind kind, IReadOnlyDictionary<string, FieldError[]> errors) =>
        new(code, message, kind, errors.ToDictionary(e => e.Key, e => e.Value.Select(f => f.Message).ToArray(), StringComparer.Ordinal))
        {
            FieldErrors = errors,
        };

    /// <summary>Every field's errors as <see cref="FieldError"/>s: the coded ones, and the others as sentences without a code.</summary>
    public IReadOnlyDictionary<string, FieldError[]> AllFieldErrors() =>
        (Errors ?? new Dictionary<string, string[]>()).ToDictionary(e => e.Key, e => e.Value
            .Select((message, i) => FieldErrors?.GetValueOrDefault(e.Key) is { } coded && i < coded.Length && coded[i].Message == message
                ? coded[i]
                : new FieldError(string.Empty, message))
            .ToArray(), StringComparer.Ordinal);

    /// <summary>Family-friendly mode refused what was typed into <paramref name="field"/> (<see cref="ErrorCodes.NotFamilyFriendly"/>).</summary>
    public static GameError NotFamilyFriendly(string field, FieldError error) =>
        Fields(ErrorCodes.NotFamilyFriendly, error.Message, ErrorKind.Invalid, new Dictionary<string, FieldError[]> { [field] = [error] });

    public static GameError WrongPhase(string message) => new(ErrorCodes.WrongPhase, message, ErrorKind.Conflict);

    public static GameError PhaseNotComplete(string message) => new(ErrorCodes.PhaseNotComplete, message, ErrorKind.Conflict);

    /// <summary>The refusal for a move name <paramref name="game"/> does not declare.</summary>
    public static GameError UnknownMove(string game, string move) =>
        new(ErrorCodes.UnknownMove, $"{game} has no move called '{move}'.", ErrorKind.NotFound);
}

/// <summary>
/// An error code a cartridge declares (<see cref="ICartridge.Errors"/>): its own refusals, beside the platform's
/// <see cref="ErrorCodes"/>. Declared codes are part of the public contract and documented in docs/api.md.
/// </summary>
/// <param name="Code">Stable snake_case code, e.g. Bluff's <c>lie_is_truth</c>.</param>
/// <param name="Kind">The class of failure, which fixes the HTTP status.</param>
/// <param name="Description">When it is returned, for the API reference.</param>
public sealed record ErrorDefinition(string Code, ErrorKind Kind, string Description)
{
    /// <summary>A refusal with this code.</summary>
    public GameError Refuse(string message, string? field = null) =>
        new(Code, message, Kind, field is null ? null : new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A refusal with this code of one field, worded by its <see cref="FieldError"/> (also the refusal's message).</summary>
    public GameError Refuse(FieldError error, string field) =>
        GameError.Fields(Code, error.Message, Kind, new Dictionary<string, FieldError[]> { [field] = [error] });
}

/// <summary>
/// The platform's stable error codes, shared by every cartridge and transport. A code that belongs to one game is
/// declared by that game (<see cref="ErrorDefinition"/>), never here.
/// </summary>
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

    /// <summary>Family-friendly mode: a nickname or a lie contains a word from the profanity list.</summary>
    public const string NotFamilyFriendly = "not_family_friendly";

    /// <summary>A player acts a second time in a phase where each player acts once (a lie, a guess, an answer).</summary>
    public const string AlreadySubmitted = "already_submitted";
    public const string InvalidInput = "invalid_input";

    /// <summary>The host turned the audience off for this room.</summary>
    public const string AudienceOff = "audience_off";

    /// <summary>The room's audience is at its cap.</summary>
    public const string AudienceFull = "audience_full";

    /// <summary>An audience vote after its phase ended, or when no vote is open.</summary>
    public const string VoteClosed = "vote_closed";
    public const string Busy = "busy";
    public const string Unavailable = "unavailable";

    /// <summary>The refusal for a move made by the wrong kind of caller.</summary>
    public static GameError WrongActor(MoveActor needed) => new(Forbidden, needed switch
    {
        MoveActor.Owner => "Only the host can do that.",
        MoveActor.Audience => "Only the audience can do that: join with POST /api/sessions/{code}/audience.",
        _ => "Only a player can do that.",
    }, ErrorKind.Forbidden);

    /// <summary>Every platform code, for documentation checks and conformance tests.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(ErrorCodes).GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();
}
