using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Web.Api;

/// <summary>
/// <c>/api/presets</c>: the signed-in account's config presets (Identity bearer token or the sign-in cookie).
/// Another account's preset answers 404 exactly like a missing one. The endpoints call <see cref="PresetService"/>,
/// as the presets page does; bodies are read by <see cref="JsonBodies"/> and refusals written by <see cref="ApiProblem"/>,
/// like the rest of the API.
/// </summary>
public static class PresetEndpoints
{
    public static IEndpointRouteBuilder MapPresetEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var presets = endpoints.MapGroup("/api/presets")
            .WithTags("Presets")
            .RequireAuthorization();

        presets.MapGet("/", ListAsync)
            .WithName("listPresets")
            .WithSummary("The signed-in account's presets")
            .WithDescription("Sorted by name; `?game=bluff` keeps one game's. Send `Authorization: Bearer <accessToken>` from " +
                "`POST /api/account/login`, or the sign-in cookie.")
            .ProducesProblems(StatusCodes.Status401Unauthorized);

        presets.MapPost("/", CreateAsync)
            .WithJsonBody(typeof(PresetInput))
            .WithName("createPreset")
            .WithSummary("Save a preset")
            .WithDescription("`{ name, game, settings }`: settings left out take the game's defaults; the game validates them " +
                "and names each failing field `settings.<name>`. Names are 1–40 characters and unique per account, ignoring case.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status409Conflict,
                StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);

        presets.MapGet("/{id}", GetAsync)
            .WithName("getPreset")
            .WithSummary("One of the signed-in account's presets")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);

        presets.MapPut("/{id}", UpdateAsync)
            .WithJsonBody(typeof(PresetInput))
            .WithName("updatePreset")
            .WithSummary("Replace a preset's name and settings")
            .WithDescription("Settings left out go back to the game's defaults. `game` may be given but cannot change. " +
                "Sessions already created from the preset keep their settings.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType,
                StatusCodes.Status422UnprocessableEntity);

        presets.MapDelete("/{id}", DeleteAsync)
            .WithName("deletePreset")
            .WithSummary("Delete a preset")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<PresetView>>> ListAsync(ClaimsPrincipal user, PresetService presets,
        string? game, CancellationToken cancellationToken) =>
        TypedResults.Ok(await presets.ListAsync(Owner(user), game, cancellationToken));

    private static async Task<Results<Ok<PresetView>, ProblemHttpResult>> GetAsync(string id, ClaimsPrincipal user,
        PresetService presets, CancellationToken cancellationToken) =>
        TryParseId(id, out var presetId)
            ? ApiResults.Ok(await presets.GetAsync(Owner(user), presetId, cancellationToken))
            : NoSuchPreset(id);

    private static async Task<Results<Created<PresetView>, ProblemHttpResult>> CreateAsync(HttpRequest request,
        ClaimsPrincipal user, PresetService presets, CancellationToken cancellationToken)
    {
        var (input, problem) = await ReadInputAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem.ToResult();
        }

        var created = await presets.CreateAsync(Owner(user), input!, cancellationToken);
        return created.IsSuccess
            ? TypedResults.Created($"/api/presets/{created.Value.Id}", created.Value)
            : ApiProblem.From(created.Error).ToResult();
    }

    private static async Task<Results<Ok<PresetView>, ProblemHttpResult>> UpdateAsync(string id, HttpRequest request,
        ClaimsPrincipal user, PresetService presets, CancellationToken cancellationToken)
    {
        if (!TryParseId(id, out var presetId))
        {
            return NoSuchPreset(id);
        }

        var (input, problem) = await ReadInputAsync(request, cancellationToken);
        return problem is not null
            ? problem.ToResult()
            : ApiResults.Ok(await presets.UpdateAsync(Owner(user), presetId, input!, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, ClaimsPrincipal user,
        PresetService presets, CancellationToken cancellationToken)
    {
        if (!TryParseId(id, out var presetId))
        {
            return NoSuchPreset(id);
        }

        var deleted = await presets.DeleteAsync(Owner(user), presetId, cancellationToken);
        return deleted.IsSuccess ? TypedResults.NoContent() : ApiProblem.From(deleted.Error).ToResult();
    }

    private static async Task<(PresetInput? Input, ApiProblem? Problem)> ReadInputAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await JsonBodies.ReadAsync(request, cancellationToken);
        return unreadable is not null ? (null, unreadable) : JsonBodies.Bind<PresetInput>(body, required: true);
    }

    // The group requires an authenticated account, so the id claim is always there.
    private static string Owner(ClaimsPrincipal user) =>
        user.UserId() ?? throw new InvalidOperationException("The presets endpoints require a signed-in account.");

    // Ids are positive integers; anything else names no preset (a 404 like any other, not a binding error).
    private static bool TryParseId(string raw, out long id) =>
        long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    private static ProblemHttpResult NoSuchPreset(string id) =>
        ApiProblem.From(PresetErrors.NotFound(0) with { Message = $"You have no preset with id '{id}'." }).ToResult();
}
