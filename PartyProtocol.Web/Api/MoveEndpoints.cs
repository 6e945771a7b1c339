using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Protection;
using PartyProtocol.Web.Telemetry;

namespace PartyProtocol.Web.Api;

/// <summary>
/// Every cartridge move, served generically, two ways: <c>POST /api/sessions/{code}/{route}</c> at the route the game
/// declares (<see cref="MoveDefinition.Route"/>, found by <see cref="GameService.FindMoveByRouteAsync"/>), and
/// <c>POST /api/sessions/{code}/moves/{move}</c> by the move's name, for any game. Either way the JSON body is checked
/// against the move's payload record once and handed to <see cref="GameService.MoveAsync"/>. For the OpenAPI document,
/// each route and each move name a registered cartridge declares is also mapped explicitly at start-up — with every
/// game's body when two games share one — so a new cartridge's moves are documented with no change here.
/// </summary>
public static class MoveEndpoints
{
    public static IEndpointRouteBuilder MapMoveEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Audience votes take turns (RateLimits:AudienceVotesInFlight) so that a crowd voting at once never queues ahead of the players.
        var moves = endpoints.MapGroup("/api/sessions/{code}").AddEndpointFilter<UnknownCodeFilter>().AddEndpointFilter(HttpTelemetry.TimeMoveAsync)
            .RequireRateLimiting(ApiRateLimiting.MovePolicy);
        var registry = endpoints.ServiceProvider.GetRequiredService<CartridgeRegistry>();
        var declared = registry.All.SelectMany(cartridge => cartridge.Moves.Select(move => (Cartridge: cartridge, Move: move))).ToList();

        foreach (var byName in declared.GroupBy(x => x.Move.Name, StringComparer.Ordinal))
        {
            var name = byName.Key;
            Document(moves.MapPost("/moves/" + name, (string code, HttpContext context, GameService games, CancellationToken cancellationToken) =>
                    MoveByNameAsync(code, name, context, games, cancellationToken)), [.. byName], "move");
        }

        foreach (var byRoute in declared.GroupBy(x => x.Move.Route.Trim('/').ToLowerInvariant()))
        {
            var route = byRoute.Key;
            Document(moves.MapPost("/" + route, (string code, HttpContext context, GameService games, CancellationToken cancellationToken) =>
                    MoveAsync(code, route, context, games, cancellationToken)), [.. byRoute], "route");
        }

        // Serve any other name or route: the session's game decides whether it exists (unknown_move otherwise).
        moves.MapPost("/moves/{move}", (string code, string move, HttpContext context, GameService games, CancellationToken cancellationToken) =>
                MoveByNameAsync(code, move, context, games, cancellationToken))
            .ExcludeFromDescription();
        moves.MapPost("/{**route}", (string code, string route, HttpContext context, GameService games, CancellationToken cancellationToken) =>
                MoveAsync(code, route, context, games, cancellationToken))
            .ExcludeFromDescription();
        return endpoints;
    }

    private static void Document(RouteHandlerBuilder builder, List<(ICartridge Cartridge, MoveDefinition Move)> declared, string kind)
    {
        builder
            .WithName(kind + "_" + string.Join("_", declared.Select(x => $"{x.Cartridge.Key}_{x.Move.Name}")))
            .WithTags(declared.Select(x => x.Cartridge.Name).Distinct().ToArray())
            .WithSummary(string.Join(" / ", declared.Select(x => $"{x.Move.Name} ({ActorText(x.Move.Actor)}): {x.Move.Description.TrimEnd('.')}")))
            .WithDescription(Describe(declared))
            .WithMetadata(new SessionTokenMetadata(Optional: false))
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
                StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);
        var payloads = declared.Select(x => x.Move.PayloadType).OfType<Type>().Distinct().ToList();
        if (payloads.Count > 0)
        {
            // Required only when every game's move at this address takes a body.
            builder.WithJsonBody(payloads, required: declared.All(x => x.Move.PayloadType is not null));
        }
    }

    private static async Task<Results<Ok<MoveReply>, ProblemHttpResult>> MoveByNameAsync(
        string code, string name, HttpContext context, GameService games, CancellationToken cancellationToken)
    {
        var move = await games.FindMoveAsync(code, name, cancellationToken);
        return move.IsSuccess
            ? await MakeAsync(code, move.Value, context, games, cancellationToken)
            : ApiProblem.From(move.Error).ToResult();
    }

    private static async Task<Results<Ok<MoveReply>, ProblemHttpResult>> MoveAsync(
        string code, string route, HttpContext context, GameService games, CancellationToken cancellationToken)
    {
        var move = await games.FindMoveByRouteAsync(code, route, cancellationToken);
        return move.IsSuccess
            ? await MakeAsync(code, move.Value, context, games, cancellationToken)
            : ApiProblem.From(move.Error).ToResult();
    }

    private static async Task<Results<Ok<MoveReply>, ProblemHttpResult>> MakeAsync(
        string code, MoveDefinition move, HttpContext context, GameService games, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await JsonBodies.ReadAsync(context.Request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable.ToResult();
        }

        var (payload, invalid) = JsonBodies.BindPayload(move, body);
        if (invalid is not null)
        {
            return invalid.ToResult();
        }

        return ApiResults.Ok(await games.MoveAsync(code, BearerToken.From(context.Request), move.Name, payload, cancellationToken));
    }

    private static string ActorText(MoveActor actor) => actor switch
    {
        MoveActor.Owner => "owner",
        MoveActor.Audience => "audience",
        _ => "player",
    };

    private static string Describe(List<(ICartridge Cartridge, MoveDefinition Move)> declared)
    {
        var lines = declared.Select(x =>
        {
            var body = x.Move.PayloadType is null
                ? "No body."
                : "Body: `{ " + string.Join(", ", JsonBodies.Fields(x.Move.PayloadType).Select(f => $"\"{f.Key}\": {f.Value}")) + " }`.";
            return string.Create(CultureInfo.InvariantCulture,
                $"**{x.Cartridge.Name}** `{x.Move.Name}`: {x.Move.Description} Send `Authorization: Bearer <{ActorText(x.Move.Actor)}Token>`. {body}");
        });
        return string.Join("\n\n", lines) +
            "\n\nAnswers `{ \"seq\", \"result\" }`: the session's seq after the move and the game's reply, if any. " +
            "The move's effects reach every client as events.";
    }
}
