namespace PartyProtocol.Web.Api;

/// <summary>
/// Error codes the web layer adds to <see cref="Core.Engine.ErrorCodes"/>: failures that happen before a request
/// reaches the game (routing, body limits, rate limits, presets, question packs). Part of the public contract, like the
/// game's codes.
/// </summary>
public static class ApiErrorCodes
{
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string RateLimited = "rate_limited";
    public const string PresetNotFound = "preset_not_found";
    public const string PackNotFound = "pack_not_found";
    public const string PackNameTaken = "pack_name_taken";
    public const string PackLimitReached = "pack_limit_reached";
    public const string TooManyQuestions = "too_many_questions";
    public const string InvalidPackFile = "invalid_pack_file";
    public const string ShareCodeNotFound = "share_code_not_found";
    public const string WebSocketRequired = "websocket_required";
    public const string TooManyConnections = "too_many_connections";
    public const string OriginNotAllowed = "origin_not_allowed";
    public const string InternalError = "internal_error";
}
