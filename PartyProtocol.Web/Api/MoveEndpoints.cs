using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Telemetry;

namespace PartyProtocol.Web.Api;

/// <summary>
/// <c>POST /api/sessions/{code}/{route}</c>: every cartridge move, served generically. The platform does not know any
/// game's routes: the session's cartridge declares them (<see cref="MoveDefinition.Route"/>) and
/// <see cref="GameService.FindMoveByRouteAsync"/> finds the move; its JSON body is checked against the move's payload
/// record and handed to <see cref="GameService.MoveAsync"/>. For the OpenAPI document, each route a registered
/// cartridge declares is also mapped explicitly at start-up, so a new cartridge's moves are documented with no change here.
/// </summary>
public static class MoveEndpoints
{
    public static IEndpointRouteBuilder MapMoveEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var moves = endpoints.MapGroup("/api/sessions/{code}").AddEndpointFilter(HttpTelemetry.TimeMoveAsync);
        var registry = endpoints.ServiceProvider.GetRequiredService<CartridgeRegistry>();
        var byRoute = registry.All
            .SelectMany(cartridge => cartridge.Moves.Select(move => (Cartridge: cartridge, Move: move)))
            .GroupBy(x => x.Move.Route.Trim('/').ToLowerInvariant());
        foreach (var declared in byRoute)
        {
            var route = declared.Key;
            var (cartridge, move) = declared.First();
            var builder = moves.MapPost("/" + route, (string code, HttpContext context, GameService games, CancellationToken cancellationToken) =>
                    MoveAsync(code, route, context, games, cancellationToken))
                .WithName(string.Join("_", declared.Select(x => $"{x.Cartridge.Key}_{x.Move.Name}")))
                .WithTags(declared.Select(x => x.Cartridge.Name).Distinct().ToArray())
                .WithSummary(string.Join(" / ", declared.Select(x => $"{x.Move.Name} ({ActorText(x.Move.Actor)}): {x.Move.Description.TrimEnd('.')}")))
                .WithDescription(Describe(declared.ToList()))
                .WithMetadata(new SessionTokenMetadata(Optional: false))
                .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
                    StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge,
                    StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);
            if (move.PayloadType is { } payload)
            {
                builder.WithJsonBody(payload);
            }
        }

        // Serves any other route: the session's game decides whether it exists (unknown_move otherwise).
        moves.MapPost("/{**route}", (string code, string route, HttpContext context, GameService games, CancellationToken cancellationToken) =>
                MoveAsync(code, route, context, games, cancellationToken))
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<Results<Ok<MoveReply>, ProblemHttpResult>> MoveAsync(
        string code, string route, HttpContext context, GameService games, CancellationToken cancellationToken)
    {
        var move = await games.FindMoveByRouteAsync(code, route, cancellationToken);
        if (!move.IsSuccess)
        {
            return ApiProblem.From(move.Error).ToResult();
        }

        var (body, unreadable) = await JsonBodies.ReadAsync(context.Request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable.ToResult();
        }

        var (payload, invalid) = JsonBodies.BindPayload(move.Value, body);
        if (invalid is not null)
        {
            return invalid.ToResult();
        }

        return ApiResults.Ok(await games.MoveAsync(code, BearerToken.From(context.Request), move.Value.Name, payload, cancellationToken));
    }

    private static string ActorText(MoveActor actor) => actor == MoveActor.Owner ? "owner" : "player";

    private static string Describe(List<(ICartridge Cartridge, MoveDefinition Move)> declared)
    {
        var lines = declared.Select(x =>
        {
            var body = x.Move.PayloadType is null
                ? "No body."
                : "Body: `{ " + string.Join(", ", JsonBodies.Fields(x.Move.PayloadType).Select(f => $"\"{f.Key}\": {f.Value}")) + " }`.";
            return string.Create(CultureInfo.InvariantCulture,
                $"**{x.Cartridge.Name}** `{x.Move.Name}`: {x.Move.Description} Send `Authorization: Bearer <{(x.Move.Actor == MoveActor.Owner ? "ownerToken" : "playerToken")}>`. {body}");
        });
        return string.Join("\n\n", lines) +
            "\n\nAnswers `{ \"seq\", \"result\" }`: the session's seq after the move and the game's reply, if any. " +
            "The move's effects reach every client as events.";
    }
}
