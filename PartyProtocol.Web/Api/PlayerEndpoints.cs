using Microsoft.AspNetCore.Http.HttpResults;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Protection;

namespace PartyProtocol.Web.Api;

/// <summary><c>/api/sessions/{code}/players</c>: join (or re-attach), leave, kick.</summary>
public static class PlayerEndpoints
{
    public static IEndpointRouteBuilder MapPlayerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var players = endpoints.MapGroup("/api/sessions/{code}/players").WithTags("Players").AddEndpointFilter<UnknownCodeFilter>();

        players.MapPost("/", JoinAsync)
            .RequireRateLimiting(ApiRateLimiting.JoinPolicy)
            .WithJsonBody(typeof(JoinRequest), required: false)
            .WithMetadata(new SessionTokenMetadata(Optional: true))
            .WithName("joinSession")
            .WithSummary("Join a session (join_session)")
            .WithDescription("Takes a seat with a nickname (1–16 characters, unique in the room, case-insensitive) and answers `201` " +
                "with the player's id and token; keep the token. Sending the token again as `Authorization: Bearer <playerToken>` " +
                "re-attaches the same seat with the same score and answers `200` (reconnect; the name may then be left out).")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType,
                StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);

        players.MapDelete("/{playerId}", RemoveAsync)
            .WithMetadata(new SessionTokenMetadata(Optional: false))
            .WithName("removePlayer")
            .WithSummary("Leave (player) or kick (owner)")
            .WithDescription("With the player's own token the player leaves; with the owner token the player is kicked and can " +
                "never rejoin this session (neither with their token nor under their name). In a running game the seat is kept " +
                "for the results but takes no further part.")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
                StatusCodes.Status429TooManyRequests);

        players.MapPost("/{playerId}/hide-name", HideNameAsync)
            .WithMetadata(new SessionTokenMetadata(Optional: false))
            .WithName("hideName")
            .WithSummary("Hide a nickname from the screens (owner)")
            .WithDescription("Host moderation, at any time: the player is called \"Player N\" from now on, on every screen and in every " +
                "event; `player.name_hidden` tells everyone, and the player's view says `you.nameHidden`.")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        return endpoints;
    }

    private static async Task<Results<Ok<MoveReply>, ProblemHttpResult>> HideNameAsync(
        string code, string playerId, HttpRequest request, GameService games, CancellationToken cancellationToken) =>
        ApiResults.Ok(await games.HideNameAsync(code, playerId, BearerToken.From(request), cancellationToken));

    private static async Task<Results<Created<JoinedPlayer>, Ok<JoinedPlayer>, ProblemHttpResult>> JoinAsync(
        string code, HttpContext context, GameService games, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await JsonBodies.ReadAsync(context.Request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable.ToResult();
        }

        var (request, invalid) = JsonBodies.Bind<JoinRequest>(body, required: false);
        if (invalid is not null)
        {
            return invalid.ToResult();
        }

        var joined = await games.JoinAsync(code, request?.Name, BearerToken.From(context.Request), cancellationToken);
        if (!joined.IsSuccess)
        {
            return ApiProblem.From(joined.Error).ToResult();
        }

        return joined.Value.Rejoined
            ? TypedResults.Ok(joined.Value)
            : TypedResults.Created($"/api/sessions/{RoomCodes.Normalize(code) ?? code}", joined.Value);
    }

    private static async Task<Results<Ok<MoveReply>, ProblemHttpResult>> RemoveAsync(
        string code, string playerId, HttpRequest request, GameService games, CancellationToken cancellationToken) =>
        ApiResults.Ok(await games.RemovePlayerAsync(code, playerId, BearerToken.From(request), cancellationToken));
}
