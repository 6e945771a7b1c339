using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Api;

namespace PartyProtocol.Web.Packs;

/// <summary>The refusals of the packs API and pages, with their stable codes (listed in <see cref="ApiErrorCodes"/>).</summary>
public static class PackErrors
{
    /// <summary>Also what another account's pack looks like: its existence is not revealed.</summary>
    public static GameError NotFound(long id) =>
        new(ApiErrorCodes.PackNotFound, $"You have no pack with id {id} ({PackRefs.Own(id)}).", ErrorKind.NotFound);

    /// <summary>An anonymous caller has no packs: the same not-found, with a hint at why.</summary>
    public static GameError NotFoundSignedOut(string reference) =>
        new(ApiErrorCodes.PackNotFound, $"There is no pack '{reference}' for you: own packs belong to accounts, so sign in to play yours.",
            ErrorKind.NotFound);

    public static GameError NameTaken(string name, string game) =>
        GameError.Fields(ApiErrorCodes.PackNameTaken, $"You already have a {game} pack called '{name}'.", ErrorKind.Conflict,
            new Dictionary<string, FieldError[]>
            {
                ["name"] = [new FieldError("pack_name_taken", $"You already have a {game} pack called '{name}'.", game, name)],
            });

    public static GameError LimitReached(int max) =>
        new(ApiErrorCodes.PackLimitReached, $"An account can keep {max} packs; delete one to make room.", ErrorKind.Conflict);

    public static GameError TooManyQuestions(int count, int max) =>
        GameError.Fields(ApiErrorCodes.TooManyQuestions,
            $"A pack holds at most {max} questions; this one has {(count > max ? $"more than {max}" : count)}.", ErrorKind.Invalid,
            new Dictionary<string, FieldError[]> { ["questions"] = [new FieldError("pack_at_most_questions", $"At most {max} questions.", max)] });

    /// <summary>A file that cannot be read as a pack at all: not JSON or CSV of the layout, another game's, unknown columns.</summary>
    public static GameError InvalidFile(FieldError why) =>
        GameError.Fields(ApiErrorCodes.InvalidPackFile, why.Message, ErrorKind.BadRequest, new Dictionary<string, FieldError[]> { ["file"] = [why] });

    /// <summary>What a request naming a game without own packs is told, with the games that have them.</summary>
    public static FieldError NoSuchGame(string game, IEnumerable<string> games)
    {
        var names = string.Join(", ", games.Order(StringComparer.Ordinal));
        return new FieldError("no_game_with_packs", $"There is no game '{game}' with question packs. Games: {names}.", game, names);
    }

    public static GameError ShareCodeNotFound(string code) =>
        new(ApiErrorCodes.ShareCodeNotFound, $"No pack is shared with the code '{code}' (it may have been unpublished).", ErrorKind.NotFound);
}
