using Microsoft.AspNetCore.Http.HttpResults;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Packs;
using PartyProtocol.Web.Presets;
using PartyProtocol.Web.Protection;

namespace PartyProtocol.Web.Api;

/// <summary>
/// <c>/api/sessions</c>: create a session, read one's view, and the owner's controls (play, pause, exit). Every
/// handler calls <see cref="GameService"/>, the same service the Razor screens call.
/// </summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var sessions = endpoints.MapGroup("/api/sessions").WithTags("Sessions").AddEndpointFilter<UnknownCodeFilter>();

        sessions.MapPost("/", CreateAsync)
            .RequireRateLimiting(ApiRateLimiting.CreateSessionPolicy)
            .WithJsonBody(typeof(CreateSessionRequest))
            .WithName("createSession")
            .WithSummary("Create a session (create_session)")
            .WithDescription("Opens a lobby for `game` with optional `settings` (absent ones take their defaults), or with a saved " +
                "`presetId` of the signed-in account. A question game plays the `packs` chosen (built-in keys such as `animals`, the " +
                "account's own as `own:<id>`), the preset's, or every built-in pack; own questions are copied into the session. Answers the room code and the owner token, which is shown only once: " +
                "send it as `Authorization: Bearer <ownerToken>` for the owner's calls.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);

        sessions.MapGet("/{code}", GetAsync)
            .WithMetadata(new SessionTokenMetadata(Optional: true))
            .WithName("getSession")
            .WithSummary("The caller's view of a session")
            .WithDescription("Without a token: the host-screen view (no secrets). With a player token: that player's view, including " +
                "their own secrets under `state.you`. `seq` is the number of the last event: after missing events, read this and " +
                "continue with events whose seq is greater.")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);

        sessions.MapPost("/{code}/play", PlayAsync)
            .WithMetadata(new SessionTokenMetadata(Optional: false))
            .WithName("play")
            .WithSummary("Start the game, or resume it (owner)")
            .WithDescription("From the lobby, starts the game (at least the game's minimum number of players). While paused, resumes " +
                "with exactly the time that was left.")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests,
                StatusCodes.Status409Conflict);

        sessions.MapPost("/{code}/pause", PauseAsync)
            .WithMetadata(new SessionTokenMetadata(Optional: false))
            .WithName("pause")
            .WithSummary("Pause the game (owner)")
            .WithDescription("Freezes the phase clock, keeping the remaining time exactly; moves are refused with `paused` until play.")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests,
                StatusCodes.Status409Conflict);

        sessions.MapPost("/{code}/exit", ExitAsync)
            .WithMetadata(new SessionTokenMetadata(Optional: false))
            .WithName("exit")
            .WithSummary("End the session for everyone (owner)")
            .WithDescription("Sends `session.ended` with reason `exit` and deletes the session at once.")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);

        sessions.MapPost("/{code}/again", PlayAgainAsync)
            .WithJsonBody(typeof(PlayAgainRequest), required: false)
            .WithMetadata(new SessionTokenMetadata(Optional: false))
            .WithName("playAgain")
            .WithSummary("Play again with the same players (owner, after game over)")
            .WithDescription("Opens a new room of `game` (default: the same game) with `settings` (default: the same settings for the " +
                "same game, the defaults for another) and seats every player of this room in it with the same id, name and token. " +
                "Every client of this room receives `session.moved` with the new code. Answers the new code and owner token.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
                StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        return endpoints;
    }

    private static async Task<Results<Created<CreatedSession>, ProblemHttpResult>> PlayAgainAsync(
        string code, HttpContext context, GameService games, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await JsonBodies.ReadAsync(context.Request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable.ToResult();
        }

        var (request, invalid) = JsonBodies.Bind<PlayAgainRequest>(body, required: false);
        if (invalid is not null)
        {
            return invalid.ToResult();
        }

        var created = await games.PlayAgainAsync(code, BearerToken.From(context.Request), request?.Game, request?.Settings, cancellationToken);
        return created.IsSuccess
            ? TypedResults.Created($"/api/sessions/{created.Value.Code}", created.Value)
            : ApiProblem.From(created.Error).ToResult();
    }

    private static async Task<Results<Created<CreatedSession>, ProblemHttpResult>> CreateAsync(
        HttpContext context, GameService games, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await JsonBodies.ReadAsync(context.Request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable.ToResult();
        }

        var (request, invalid) = JsonBodies.Bind<CreateSessionRequest>(body, required: true);
        if (invalid is not null)
        {
            return invalid.ToResult();
        }

        var created = request!.PresetId is { } presetId
            ? await CreateFromPresetAsync(context, games, request, presetId, cancellationToken)
            : request.Packs is null
                ? await games.CreateSessionAsync(request.Game, request.Settings, request.Room, cancellationToken)
                : await CreateWithPacksAsync(context, games, request, cancellationToken);
        return created.IsSuccess
            ? TypedResults.Created($"/api/sessions/{created.Value.Code}", created.Value)
            : ApiProblem.From(created.Error).ToResult();
    }

    private static async Task<Result<CreatedSession>> CreateFromPresetAsync(HttpContext context, GameService games,
        CreateSessionRequest request, long presetId, CancellationToken cancellationToken)
    {
        if (request.Settings is not null)
        {
            return GameError.Invalid("settings", new FieldError("settings_or_preset",
                "Give either 'settings' or 'presetId', not both: a preset carries its own settings."));
        }

        // The presets feature registers the source; without it no preset can exist, which is the same answer as an unknown one.
        var presets = context.RequestServices.GetService<ISessionPresetSource>();
        if (presets is null)
        {
            return new GameError(ApiErrorCodes.PresetNotFound, $"There is no preset {presetId} for you.", ErrorKind.NotFound);
        }

        var preset = await presets.LoadAsync(presetId, context.User, cancellationToken);
        if (!preset.IsSuccess)
        {
            return preset.Error;
        }

        if (request.Game is not null && !string.Equals(request.Game, preset.Value.Game.Key, StringComparison.Ordinal))
        {
            return GameError.Invalid("game", new FieldError("preset_for_other_game",
                $"Preset {presetId} is for {preset.Value.Game.Name}, not '{request.Game}'.", presetId, preset.Value.Game.Name, request.Game));
        }

        var packs = request.Packs ?? preset.Value.Packs;
        if (packs is null)
        {
            return await games.CreateSessionAsync(preset.Value.Game, preset.Value.Settings, request.Room, cancellationToken);
        }

        var chosen = await ChoosePacksAsync(context, preset.Value.Game, preset.Value.Settings, packs, cancellationToken);
        return chosen.IsSuccess ? await games.CreateSessionAsync(preset.Value.Game, chosen.Value, request.Room, cancellationToken) : chosen.Error;
    }

    private static async Task<Result<CreatedSession>> CreateWithPacksAsync(HttpContext context, GameService games,
        CreateSessionRequest request, CancellationToken cancellationToken)
    {
        var game = request.Game is null ? null : games.FindGame(request.Game);
        if (game is null)
        {
            // The service words the unknown game, exactly as without packs.
            return await games.CreateSessionAsync(request.Game, request.Settings, request.Room, cancellationToken);
        }

        var bound = game.BindSettings(request.Settings);
        if (!bound.IsSuccess)
        {
            return bound.Error;
        }

        var chosen = await ChoosePacksAsync(context, game, bound.Value, request.Packs!, cancellationToken);
        return chosen.IsSuccess ? await games.CreateSessionAsync(game, chosen.Value, request.Room, cancellationToken) : chosen.Error;
    }

    // The packs feature copies the chosen questions into the settings; without it, only "every built-in pack" exists.
    private static Task<Result<object>> ChoosePacksAsync(HttpContext context, ICartridge game, object settings, IReadOnlyList<string> packs,
        CancellationToken cancellationToken) =>
        context.RequestServices.GetService<SessionQuestions>() is { } questions
            ? questions.ApplyAsync(game, settings, packs, context.User.UserId(), cancellationToken)
            : Task.FromResult<Result<object>>(GameError.Invalid("packs",
                new FieldError("only_built_in_packs", "This server plays only the built-in packs: leave 'packs' out.")));

    private static async Task<Results<Ok<SessionView>, ProblemHttpResult>> GetAsync(
        string code, HttpRequest request, GameService games, CancellationToken cancellationToken) =>
        ApiResults.Ok(await games.GetViewAsync(code, BearerToken.From(request), cancellationToken));

    private static async Task<Results<Ok<MoveReply>, ProblemHttpResult>> PlayAsync(
        string code, HttpRequest request, GameService games, CancellationToken cancellationToken) =>
        ApiResults.Ok(await games.PlayAsync(code, BearerToken.From(request), cancellationToken));

    private static async Task<Results<Ok<MoveReply>, ProblemHttpResult>> PauseAsync(
        string code, HttpRequest request, GameService games, CancellationToken cancellationToken) =>
        ApiResults.Ok(await games.PauseAsync(code, BearerToken.From(request), cancellationToken));

    private static async Task<Results<Ok<MoveReply>, ProblemHttpResult>> ExitAsync(
        string code, HttpRequest request, GameService games, CancellationToken cancellationToken) =>
        ApiResults.Ok(await games.ExitAsync(code, BearerToken.From(request), cancellationToken));
}
