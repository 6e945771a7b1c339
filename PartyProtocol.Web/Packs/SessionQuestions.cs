using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Packs;

/// <summary>
/// Turns a host's choice of packs into the questions a new session plays: built-in packs by key, and the host's own
/// packs copied in whole from the accounts database, so the game never reads the database mid-game (and a session
/// stored in Redis carries its questions). <c>POST /api/sessions</c> and the host page both come through here.
/// </summary>
public sealed class SessionQuestions(PackService packs)
{
    /// <summary>
    /// Reads a choice of packs for <paramref name="game"/> as the owner may make it: null when nothing was chosen (the
    /// game plays every built-in pack). An own pack of another account, or of nobody signed in, is <c>pack_not_found</c>.
    /// </summary>
    public async Task<Result<QuestionChoice?>> ResolveAsync(ICartridge game, IReadOnlyList<string>? chosen, string? ownerId,
        CancellationToken cancellationToken = default)
    {
        if (chosen is null)
        {
            return Result<QuestionChoice?>.Ok(null);
        }

        var parsed = PackRefs.Parse(game, chosen);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var (builtIn, own) = parsed.Value;
        var questions = new List<IQuestion>();
        if (own.Count > 0)
        {
            if (ownerId is null)
            {
                return PackErrors.NotFoundSignedOut(PackRefs.Own(own[0]));
            }

            var loaded = await packs.LoadAsync(ownerId, own, cancellationToken);
            if (!loaded.IsSuccess)
            {
                return loaded.Error;
            }

            if (loaded.Value.FirstOrDefault(p => p.Pack.Game != game.Key) is { } other)
            {
                return GameError.Invalid("packs", new FieldError("pack_for_other_game",
                    $"'{other.Pack.Name}' ({other.Pack.Ref}) is a pack for {packs.GameName(other.Pack.Game)}, not {game.Name}.",
                    other.Pack.Name, other.Pack.Ref, packs.GameName(other.Pack.Game), game.Name));
            }

            questions.AddRange(loaded.Value.SelectMany(p => p.Questions));
            if (questions.Count > packs.Options.MaxQuestionsPerSession)
            {
                var max = packs.Options.MaxQuestionsPerSession;
                return GameError.Invalid("packs", new FieldError("packs_too_many_questions",
                    $"These packs hold {questions.Count} questions; a game takes at most {max} of your own. Choose fewer packs.", questions.Count, max));
            }
        }

        return new QuestionChoice(builtIn, questions);
    }

    /// <summary>The settings with the chosen questions (unchanged when nothing was chosen), as the game checks them.</summary>
    public static Result<object> Apply(ICartridge game, object settings, QuestionChoice? choice) =>
        choice is null ? Result<object>.Ok(settings)
        : game is IQuestionGame questions ? questions.WithQuestions(settings, choice)
        : GameError.Invalid("packs", PackRefs.NoPacks(game));

    /// <summary>Resolves the choice and applies it to the settings.</summary>
    public async Task<Result<object>> ApplyAsync(ICartridge game, object settings, IReadOnlyList<string>? chosen, string? ownerId,
        CancellationToken cancellationToken = default)
    {
        var choice = await ResolveAsync(game, chosen, ownerId, cancellationToken);
        return choice.IsSuccess ? Apply(game, settings, choice.Value) : choice.Error;
    }
}
