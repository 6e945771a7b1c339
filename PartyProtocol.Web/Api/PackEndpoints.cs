using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Packs;

namespace PartyProtocol.Web.Api;

/// <summary>What a client sends to create or replace a pack. <see cref="Questions"/> are in the game's pack file shape.</summary>
/// <param name="Language">A language tag; <c>en</c> when left out.</param>
/// <param name="Questions">The questions, each as in a pack file of the game (<c>id</c> optional: the server gives ids).</param>
public sealed record PackInput(string? Name = null, string? Game = null, string? Language = null, string? Description = null,
    IReadOnlyList<JsonElement>? Questions = null);

/// <summary>A pack as the API shows it; <see cref="Questions"/> only when one pack is asked for.</summary>
/// <param name="Ref">How to choose the pack for a game: <c>"packs": ["own:12"]</c>.</param>
public sealed record PackResource(long Id, string Ref, string Name, string Game, string Language, string Description, int QuestionCount,
    string? ShareCode, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<object>? Questions)
{
    public static PackResource From(PackSummary pack, IReadOnlyList<IQuestion>? questions = null) =>
        new(pack.Id, pack.Ref, pack.Name, pack.Game, pack.Language, pack.Description, pack.QuestionCount, pack.ShareCode, pack.CreatedAt,
            pack.UpdatedAt, questions is null ? null : [.. questions.Cast<object>()]);
}

/// <summary>
/// <c>/api/packs</c>: the signed-in account's own question packs (bearer token or sign-in cookie) — create, read,
/// replace, delete, import and export files, publish with a share code and copy others' published packs. Another
/// account's pack answers 404 exactly like a missing one. The endpoints call <see cref="PackService"/>, as the packs
/// pages do.
/// </summary>
public static class PackEndpoints
{
    public static IEndpointRouteBuilder MapPackEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var limit = new ApiBodyLimit(endpoints.ServiceProvider.GetRequiredService<IOptions<PackOptions>>().Value.MaxFileBytes);
        var packs = endpoints.MapGroup("/api/packs")
            .WithTags("Packs")
            .RequireAuthorization();

        packs.MapGet("/", ListAsync)
            .WithName("listPacks")
            .WithSummary("The signed-in account's packs")
            .WithDescription("Without their questions; `?game=bluff` keeps one game's. `ref` is how a pack is chosen for a game " +
                "(`\"packs\": [\"own:12\"]` in `POST /api/sessions` and presets).")
            .ProducesProblems(StatusCodes.Status401Unauthorized);

        packs.MapPost("/", CreateAsync)
            .WithJsonBody(typeof(PackInput))
            .WithMetadata(limit)
            .WithName("createPack")
            .WithSummary("Create a pack")
            .WithDescription("`{ name, game, language, description, questions }`: each question in the game's pack file shape " +
                "(docs/packs.md). Every question is checked with the rules of the built-in packs; each problem is named " +
                "`questions[i].<field>`. At most `Packs:MaxQuestionsPerPack` questions and `Packs:MaxPacksPerAccount` packs.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status409Conflict,
                StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);

        packs.MapPost("/import", ImportAsync)
            .WithMetadata(limit)
            .WithFileBody()
            .WithName("importPack")
            .WithSummary("Import a pack file as a new pack")
            .WithDescription("A pack file in the built-in JSON format (`Content-Type: application/json`; its `game`, or `?game=`), or " +
                "CSV in the game's layout (`Content-Type: text/csv`, `?game=…&name=…`, optional `language` and `description`). " +
                "Every row must meet the rules, or nothing is imported: problems are named `questions[i].<field>` (JSON) or " +
                "`rows[<line>].<field>` (CSV). A file that cannot be read is `invalid_pack_file`.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status409Conflict,
                StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);

        packs.MapGet("/shared/{code}", GetSharedAsync)
            .WithName("getSharedPack")
            .WithSummary("A published pack, by its share code")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);

        packs.MapPost("/shared/{code}/copy", CopySharedAsync)
            .WithName("copySharedPack")
            .WithSummary("Copy a published pack into the signed-in account")
            .WithDescription("The copy is the caller's own pack (not published); it stays when the original is unpublished or changed.")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        packs.MapGet("/{id}", GetAsync)
            .WithName("getPack")
            .WithSummary("One of the signed-in account's packs, with its questions")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);

        packs.MapPut("/{id}", UpdateAsync)
            .WithJsonBody(typeof(PackInput))
            .WithMetadata(limit)
            .WithName("updatePack")
            .WithSummary("Replace a pack's name, language, description and questions")
            .WithDescription("A question keeps its `id` when it gives the id it has in this pack; others get new ids. `game` may be " +
                "given but cannot change. Sessions already playing the pack keep the questions they copied.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType,
                StatusCodes.Status422UnprocessableEntity);

        packs.MapDelete("/{id}", DeleteAsync)
            .WithName("deletePack")
            .WithSummary("Delete a pack")
            .WithDescription("Presets stop playing it; copies other hosts made stay theirs.")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);

        packs.MapGet("/{id}/export", ExportAsync)
            .WithName("exportPack")
            .WithSummary("Download a pack as a file")
            .WithDescription("`?format=json` (default: the built-in pack format with `game`, ready for `Content:ExtraPacksFolder`) or " +
                "`?format=csv` (the game's CSV layout, with an `id` column).")
            .Produces(StatusCodes.Status200OK, contentType: PackFiles.JsonContentType)
            .Produces(StatusCodes.Status200OK, contentType: PackFiles.CsvContentType)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        packs.MapPost("/{id}/share", PublishAsync)
            .WithName("publishPack")
            .WithSummary("Publish a pack with a share code")
            .WithDescription("Other signed-in hosts copy it with the code (`POST /api/packs/shared/{code}/copy`). Publishing again " +
                "keeps the code.")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);

        packs.MapDelete("/{id}/share", UnpublishAsync)
            .WithName("unpublishPack")
            .WithSummary("Unpublish a pack")
            .WithDescription("The code stops working at once; copies already made stay.")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<PackResource>>> ListAsync(ClaimsPrincipal user, PackService packs, string? game,
        CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<PackResource>>([.. (await packs.ListAsync(Owner(user), game, cancellationToken)).Select(p => PackResource.From(p))]);

    private static async Task<Results<Ok<PackResource>, ProblemHttpResult>> GetAsync(string id, ClaimsPrincipal user, PackService packs,
        CancellationToken cancellationToken)
    {
        if (!TryParseId(id, out var packId))
        {
            return NoSuchPack(id);
        }

        var loaded = await packs.GetAsync(Owner(user), packId, cancellationToken);
        return loaded.IsSuccess
            ? TypedResults.Ok(PackResource.From(loaded.Value.Pack, loaded.Value.Questions))
            : ApiProblem.From(loaded.Error).ToResult();
    }

    private static async Task<Results<Created<PackResource>, ProblemHttpResult>> CreateAsync(HttpRequest request, ClaimsPrincipal user,
        PackService packs, CancellationToken cancellationToken)
    {
        var (draft, problem) = await ReadDraftAsync(request, packs, null, cancellationToken);
        if (problem is not null)
        {
            return problem.ToResult();
        }

        return Created(await packs.CreateAsync(Owner(user), draft!, cancellationToken));
    }

    private static async Task<Results<Ok<PackResource>, ProblemHttpResult>> UpdateAsync(string id, HttpRequest request, ClaimsPrincipal user,
        PackService packs, CancellationToken cancellationToken)
    {
        if (!TryParseId(id, out var packId))
        {
            return NoSuchPack(id);
        }

        // The body's questions are read in the pack's game's shape; its questions themselves are the service's to load.
        var game = await packs.GameOfAsync(Owner(user), packId, cancellationToken);
        if (!game.IsSuccess)
        {
            return ApiProblem.From(game.Error).ToResult();
        }

        var (draft, problem) = await ReadDraftAsync(request, packs, game.Value, cancellationToken);
        if (problem is not null)
        {
            return problem.ToResult();
        }

        var updated = await packs.UpdateAsync(Owner(user), packId, draft!, cancellationToken);
        return updated.IsSuccess
            ? TypedResults.Ok(PackResource.From(updated.Value.Pack, updated.Value.Questions))
            : ApiProblem.From(updated.Error).ToResult();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, ClaimsPrincipal user, PackService packs,
        CancellationToken cancellationToken)
    {
        if (!TryParseId(id, out var packId))
        {
            return NoSuchPack(id);
        }

        var deleted = await packs.DeleteAsync(Owner(user), packId, cancellationToken);
        return deleted.IsSuccess ? TypedResults.NoContent() : ApiProblem.From(deleted.Error).ToResult();
    }

    private static async Task<Results<Created<PackResource>, ProblemHttpResult>> ImportAsync(HttpRequest request, ClaimsPrincipal user,
        PackService packs, string? game, string? name, string? language, string? description, CancellationToken cancellationToken)
    {
        var (bytes, unreadable) = await JsonBodies.ReadBytesAsync(request, packs.Options.MaxFileBytes, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable.ToResult();
        }

        var csv = IsCsv(request);
        if (!csv && !request.HasJsonContentType())
        {
            return ApiProblem.Create(StatusCodes.Status415UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType,
                "Send a pack file as 'Content-Type: application/json' (the pack file format) or 'text/csv' (the game's CSV layout).").ToResult();
        }

        if (bytes is null)
        {
            return ApiProblem.From(PackErrors.InvalidFile(new FieldError("file_empty", "The file is empty."))).ToResult();
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return ApiProblem.From(PackErrors.InvalidFile(new FieldError("file_not_utf8", "The file is not UTF-8 text."))).ToResult();
        }

        var draft = packs.ReadFile(text, csv, game, name, language, description);
        return draft.IsSuccess
            ? Created(await packs.ImportAsync(Owner(user), draft.Value, cancellationToken))
            : ApiProblem.From(draft.Error).ToResult();
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(string id, ClaimsPrincipal user, PackService packs,
        string? format, CancellationToken cancellationToken)
    {
        if (!TryParseId(id, out var packId))
        {
            return NoSuchPack(id);
        }

        var file = await packs.ExportAsync(Owner(user), packId, format ?? "json", cancellationToken);
        return file.IsSuccess
            ? TypedResults.File(Encoding.UTF8.GetBytes(file.Value.Content), file.Value.ContentType + "; charset=utf-8", file.Value.FileName)
            : ApiProblem.From(file.Error).ToResult();
    }

    private static async Task<Results<Ok<PackResource>, ProblemHttpResult>> PublishAsync(string id, ClaimsPrincipal user, PackService packs,
        CancellationToken cancellationToken) =>
        TryParseId(id, out var packId) ? Ok(await packs.PublishAsync(Owner(user), packId, cancellationToken)) : NoSuchPack(id);

    private static async Task<Results<Ok<PackResource>, ProblemHttpResult>> UnpublishAsync(string id, ClaimsPrincipal user, PackService packs,
        CancellationToken cancellationToken) =>
        TryParseId(id, out var packId) ? Ok(await packs.UnpublishAsync(Owner(user), packId, cancellationToken)) : NoSuchPack(id);

    private static async Task<Results<Ok<SharedPackView>, ProblemHttpResult>> GetSharedAsync(string code, PackService packs,
        CancellationToken cancellationToken) =>
        ApiResults.Ok(await packs.GetSharedAsync(code, cancellationToken));

    private static async Task<Results<Created<PackResource>, ProblemHttpResult>> CopySharedAsync(string code, ClaimsPrincipal user,
        PackService packs, CancellationToken cancellationToken) =>
        Created(await packs.CopySharedAsync(Owner(user), code, cancellationToken));

    /// <summary>Reads a pack body: strict JSON, then each question in its game's shape (a malformed one is 400 naming it).</summary>
    private static async Task<(PackDraft? Draft, ApiProblem? Problem)> ReadDraftAsync(HttpRequest request, PackService packs, string? gameOfPack,
        CancellationToken cancellationToken)
    {
        var (body, unreadable) = await JsonBodies.ReadAsync(request, cancellationToken, packs.Options.MaxFileBytes);
        if (unreadable is not null)
        {
            return (null, unreadable);
        }

        var (input, invalid) = JsonBodies.Bind<PackInput>(body, required: true);
        if (invalid is not null)
        {
            return (null, invalid);
        }

        // A body for the wrong game is the service's to refuse (naming 'game'); its questions cannot be read as any game's.
        var mapper = packs.MapperFor(gameOfPack ?? input!.Game ?? string.Empty);
        var questions = new List<DraftQuestion>();
        if (mapper is not null && (gameOfPack is null || input!.Game is null || input.Game == gameOfPack))
        {
            var raw = input!.Questions ?? [];
            if (raw.Count > packs.Options.MaxQuestionsPerPack)
            {
                return (null, ApiProblem.From(PackErrors.TooManyQuestions(raw.Count, packs.Options.MaxQuestionsPerPack)));
            }

            for (var i = 0; i < raw.Count; i++)
            {
                var (question, problem) = mapper.ReadJson(raw[i]);
                if (question is null)
                {
                    return (null, JsonBodies.Invalid($"questions[{i}]", new FieldError("question_numbered", $"Question {i + 1} {problem!.Message}.", i + 1, problem)));
                }

                questions.Add(new DraftQuestion(question, i));
            }
        }

        return (new PackDraft(input!.Name, input.Game ?? gameOfPack, input.Language, input.Description, questions), null);
    }

    private static bool IsCsv(HttpRequest request) =>
        request.ContentType is { } type && (type.StartsWith(PackFiles.CsvContentType, StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/csv", StringComparison.OrdinalIgnoreCase));

    private static Results<Created<PackResource>, ProblemHttpResult> Created(Core.Engine.Result<PackDetails> result) =>
        result.IsSuccess
            ? TypedResults.Created($"/api/packs/{result.Value.Pack.Id}", PackResource.From(result.Value.Pack, result.Value.Questions))
            : ApiProblem.From(result.Error).ToResult();

    private static Results<Ok<PackResource>, ProblemHttpResult> Ok(Core.Engine.Result<PackSummary> result) =>
        result.IsSuccess ? TypedResults.Ok(PackResource.From(result.Value)) : ApiProblem.From(result.Error).ToResult();

    // The group requires an authenticated account, so the id claim is always there.
    private static string Owner(ClaimsPrincipal user) =>
        user.UserId() ?? throw new InvalidOperationException("The packs endpoints require a signed-in account.");

    // Ids are positive integers; anything else names no pack (a 404 like any other, not a binding error).
    private static bool TryParseId(string raw, out long id) =>
        long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    private static ProblemHttpResult NoSuchPack(string id) =>
        ApiProblem.From(PackErrors.NotFound(0) with { Message = $"You have no pack with id '{id}'." }).ToResult();

    /// <summary>Documents the import body: a pack file as JSON or as CSV (no content-type constraint on routing).</summary>
    private static RouteHandlerBuilder WithFileBody(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "A pack file: the built-in JSON pack format, or CSV in the game's layout (docs/packs.md).",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [PackFiles.JsonContentType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } },
                    [PackFiles.CsvContentType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            };
            return Task.CompletedTask;
        });
}
