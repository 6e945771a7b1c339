using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Api;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// Who is on the other end of a real-time connection: a seated player, the owner, or an anonymous screen of one
/// session. Settled with one read of the session, before a WebSocket is accepted or a hub connection registers for events.
/// </summary>
/// <param name="Code">The normalised room code.</param>
/// <param name="Viewer">Whose payloads the connection receives (the host view for screens and the owner).</param>
/// <param name="IsOwner">True for the owner token.</param>
/// <param name="Token">The token it connected with, for moves over the hub; null for an anonymous screen.</param>
/// <param name="GameKey">The session's cartridge (a session never changes game).</param>
public sealed record SessionAudience(string Code, Viewer Viewer, bool IsOwner, string? Token, string GameKey)
{
    public string? PlayerId => Viewer.Kind == ViewerKind.Player ? Viewer.PlayerId : null;

    /// <summary>Counts against the per-session connection cap: everyone but the audience, which its room's cap bounds.</summary>
    public bool SessionCapped => Viewer.Kind != ViewerKind.Audience;

    // A record prints every property; the token must never reach a log line or an exception message.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Code = ").Append(Code).Append(", Viewer = ").Append(Viewer).Append(", IsOwner = ").Append(IsOwner)
            .Append(", GameKey = ").Append(GameKey);
        return true;
    }

    /// <summary>Identifies a connection: with a token as its owner or player, without one as a screen (the host view).</summary>
    public static async Task<(SessionAudience? Audience, ApiProblem? Problem)> IdentifyAsync(
        GameService games, string? code, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return (null, JsonBodies.Invalid("code", new FieldError("room_code_needed", "Give the room code, e.g. ?code=ABCD.")));
        }

        var caller = await games.OpenAsync(code, token, cancellationToken);
        return caller.IsSuccess
            ? (new SessionAudience(caller.Value.Code, caller.Value.Viewer, caller.Value.IsOwner,
                string.IsNullOrEmpty(token) ? null : token, caller.Value.GameKey), null)
            : (null, ApiProblem.From(caller.Error));
    }
}
