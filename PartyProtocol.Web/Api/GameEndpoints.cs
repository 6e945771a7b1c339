using Microsoft.AspNetCore.Http.HttpResults;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Web.Api;

/// <summary><c>/api/games</c>: the installed cartridges.</summary>
public static class GameEndpoints
{
    public static IEndpointRouteBuilder MapGameEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var games = endpoints.MapGroup("/api/games").WithTags("Games");
        games.MapGet("/", List)
            .WithName("listGames")
            .WithSummary("List the installed games")
            .WithDescription("Each game's key, name, player limits, settings with defaults and bounds, phases and moves (with the path to POST them to).");
        return endpoints;
    }

    private static Ok<List<GameDescription>> List(GameService games) =>
        TypedResults.Ok(games.Games.OrderBy(g => g.Name, StringComparer.Ordinal).Select(GameDescription.From).ToList());
}
