using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Web.Api;

/// <summary>
/// <c>/api/presets</c>: the signed-in account's config presets (bearer token or cookie). Another account's preset
/// answers 404 exactly like a missing one. The endpoints call <see cref="PresetService"/>, as the presets page does.
/// </summary>
public static class PresetEndpoints
{
    public static IEndpointRouteBuilder MapPresetEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/presets")
            .WithTags("Presets")
            .RequireAuthorization();

        group.MapGet("/", ListAsync)
            .WithName("ListPresets")
            .WithSummary("The caller's presets, by name; ?game= keeps one game's.");
        // The body is read by hand (PresetProblems.ReadBodyAsync) so that a body of the wrong type gets a problem+json
        // 415/400; declaring Accepts<T> would instead let routing turn it away before the endpoint runs.
        group.MapPost("/", CreateAsync)
            .WithName("CreatePreset")
            .WithSummary("Saves a preset: { name, game, settings } (settings left out take the game's defaults).");
        group.MapGet("/{id}", GetAsync)
            .WithName("GetPreset");
        group.MapPut("/{id}", UpdateAsync)
            .WithName("UpdatePreset")
            .WithSummary("Replaces a preset's name and settings (settings left out take the defaults); its game cannot change.");
        group.MapDelete("/{id}", DeleteAsync)
            .WithName("DeletePreset");
        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<PresetView>>> ListAsync(ClaimsPrincipal user, PresetService presets,
        string? game, CancellationToken cancellationToken) =>
        TypedResults.Ok(await presets.ListAsync(Owner(user), game, cancellationToken));

    private static async Task<Results<Ok<PresetView>, ProblemHttpResult>> GetAsync(string id, ClaimsPrincipal user,
        PresetService presets, CancellationToken cancellationToken)
    {
        if (!TryParseId(id, out var presetId))
        {
            return PresetProblems.From(PresetErrors.NotFound(0) with { Message = $"There is no preset with id '{id}'." });
        }

        var found = await presets.GetAsync(Owner(user), presetId, cancellationToken);
        return found.IsSuccess ? TypedResults.Ok(found.Value) : PresetProblems.From(found.Error);
    }

    private static async Task<Results<Created<PresetView>, ProblemHttpResult>> CreateAsync(HttpRequest request,
        ClaimsPrincipal user, PresetService presets, CancellationToken cancellationToken)
    {
        var (input, problem) = await PresetProblems.ReadBodyAsync(request, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        var created = await presets.CreateAsync(Owner(user), input, cancellationToken);
        return created.IsSuccess
            ? TypedResults.Created($"/api/presets/{created.Value.Id}", created.Value)
            : PresetProblems.From(created.Error);
    }

    private static async Task<Results<Ok<PresetView>, ProblemHttpResult>> UpdateAsync(string id, HttpRequest request,
        ClaimsPrincipal user, PresetService presets, CancellationToken cancellationToken)
    {
        if (!TryParseId(id, out var presetId))
        {
            return PresetProblems.From(PresetErrors.NotFound(0) with { Message = $"There is no preset with id '{id}'." });
        }

        var (input, problem) = await PresetProblems.ReadBodyAsync(request, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        var updated = await presets.UpdateAsync(Owner(user), presetId, input, cancellationToken);
        return updated.IsSuccess ? TypedResults.Ok(updated.Value) : PresetProblems.From(updated.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, ClaimsPrincipal user,
        PresetService presets, CancellationToken cancellationToken)
    {
        if (!TryParseId(id, out var presetId))
        {
            return PresetProblems.From(PresetErrors.NotFound(0) with { Message = $"There is no preset with id '{id}'." });
        }

        var deleted = await presets.DeleteAsync(Owner(user), presetId, cancellationToken);
        return deleted.IsSuccess ? TypedResults.NoContent() : PresetProblems.From(deleted.Error);
    }

    // The group requires an authenticated account, so the id claim is always there.
    private static string Owner(ClaimsPrincipal user) =>
        user.UserId() ?? throw new InvalidOperationException("The presets endpoints require a signed-in account.");

    private static bool TryParseId(string raw, out long id) =>
        long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
}

/// <summary>RFC 7807 problem details for the presets API: <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>, <c>code</c>, optional <c>errors</c>.</summary>
internal static class PresetProblems
{
    public static ProblemHttpResult From(GameError error)
    {
        var problem = new ProblemDetails
        {
            Status = StatusOf(error.Kind),
            Detail = error.Message,
            Extensions = { ["code"] = error.Code },
        };
        if (error.Errors is { Count: > 0 } errors)
        {
            problem.Extensions["errors"] = errors;
        }

        return TypedResults.Problem(problem);
    }

    /// <summary>Reads a <see cref="PresetInput"/>; a body that is not JSON of that shape is a 415 or 400, never a 500.</summary>
    public static async Task<(PresetInput? Input, ProblemHttpResult? Problem)> ReadBodyAsync(HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                "Send the preset as JSON (Content-Type: application/json)."));
        }

        try
        {
            var input = await request.ReadFromJsonAsync<PresetInput>(GameJson.Strict, cancellationToken);
            return input is null
                ? (null, Problem(StatusCodes.Status400BadRequest, "invalid_json", "The body must be a JSON object: { \"name\", \"game\", \"settings\" }."))
                : (input, null);
        }
        catch (JsonException ex)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "invalid_json", $"The body is not a valid preset: {ex.Message}"));
        }
    }

    private static ProblemHttpResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Detail = detail, Extensions = { ["code"] = code } });

    private static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.BadRequest => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Invalid => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status503ServiceUnavailable,
    };
}
