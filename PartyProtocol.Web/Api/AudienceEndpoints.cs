using Microsoft.AspNetCore.Http.HttpResults;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Web.Api;

/// <summary>
/// <c>/api/sessions/{code}/audience</c>: join as audience, read the room's audience, and the owner's audience settings.
/// Audience moves (votes) go through the same move endpoints as every move, with the audience token.
/// </summary>
public static class AudienceEndpoints
{
    public static IEndpointRouteBuilder MapAudienceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var audience = endpoints.MapGroup("/api/sessions/{code}/audience").WithTags("Audience");

        audience.MapPost("/", JoinAsync)
            .RequireRateLimiting(ApiRateLimiting.AudienceJoinPolicy)
            .WithMetadata(new SessionTokenMetadata(Optional: true))
            .WithName("joinAudience")
            .WithSummary("Join the audience")
            .WithDescription("Anyone may join at any time, also while the game runs and when every seat is taken; no name is needed. " +
                "Answers `201` with `audienceId` and `audienceToken`: the token connects to the hub and the WebSocket like a player's " +
                "(it receives the public events) and makes the game's audience moves. Sending the token again as " +
                "`Authorization: Bearer <audienceToken>` answers `200` with the same member (counted once). " +
                "Refused with `audience_off` when the host turned the audience off, `audience_full` at the room's cap, " +
                "and `429 rate_limited` beyond `RateLimits:AudienceJoinsPerMinute` joins a minute from one address.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);

        audience.MapGet("/", GetAsync)
            .WithName("getAudience")
            .WithSummary("The room's audience")
            .WithDescription("Whether the audience is open, its cap, how many joined, and the latest vote's combined counts " +
                "(`vote.open` false once its phase ended: the counts are final).")
            .ProducesProblems(StatusCodes.Status404NotFound);

        audience.MapPut("/", SetAsync)
            .WithJsonBody(typeof(AudienceSettingsRequest))
            .WithMetadata(new SessionTokenMetadata(Optional: false))
            .WithName("setAudience")
            .WithSummary("Turn the audience on or off, or cap it (owner)")
            .WithDescription("`open` false refuses new members and votes (`audience_off`); `cap` (0–100,000, default 10,000) " +
                "bounds how many may join. Members already in stay in.")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
                StatusCodes.Status422UnprocessableEntity);

        return endpoints;
    }

    private static async Task<Results<Created<JoinedAudience>, Ok<JoinedAudience>, ProblemHttpResult>> JoinAsync(
        string code, HttpRequest request, GameService games, CancellationToken cancellationToken)
    {
        var joined = await games.JoinAudienceAsync(code, BearerToken.From(request), cancellationToken);
        if (!joined.IsSuccess)
        {
            return ApiProblem.From(joined.Error).ToResult();
        }

        return joined.Value.Rejoined
            ? TypedResults.Ok(joined.Value)
            : TypedResults.Created($"/api/sessions/{RoomCodes.Normalize(code) ?? code}/audience", joined.Value);
    }

    private static async Task<Results<Ok<AudienceView>, ProblemHttpResult>> GetAsync(
        string code, GameService games, CancellationToken cancellationToken) =>
        ApiResults.Ok(await games.GetAudienceAsync(code, cancellationToken));

    private static async Task<Results<Ok<AudienceView>, ProblemHttpResult>> SetAsync(
        string code, HttpContext context, GameService games, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await JsonBodies.ReadAsync(context.Request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable.ToResult();
        }

        var (request, invalid) = JsonBodies.Bind<AudienceSettingsRequest>(body, required: true);
        if (invalid is not null)
        {
            return invalid.ToResult();
        }

        return ApiResults.Ok(await games.SetAudienceAsync(code, BearerToken.From(context.Request), request!.Open, request.Cap, cancellationToken));
    }
}

/// <summary>The owner's audience settings; an absent field keeps its value.</summary>
/// <param name="Open">Whether people may join the audience and vote.</param>
/// <param name="Cap">The most members the room admits (0–100,000).</param>
public sealed record AudienceSettingsRequest(bool? Open = null, int? Cap = null);
