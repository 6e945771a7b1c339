using System.Globalization;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Packs;

/// <summary>
/// How a choice of packs is written wherever packs are chosen (<c>POST /api/sessions</c>, presets, the host page): a
/// built-in pack by its key (<c>animals</c>), one of the account's own packs by <c>own:</c> and its id (<c>own:42</c>).
/// </summary>
public static class PackRefs
{
    public const string OwnPrefix = "own:";

    public static string Own(long id) => OwnPrefix + id.ToString(CultureInfo.InvariantCulture);

    public static bool TryOwn(string reference, out long id)
    {
        id = 0;
        return reference.StartsWith(OwnPrefix, StringComparison.Ordinal)
            && long.TryParse(reference.AsSpan(OwnPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && id > 0;
    }

    /// <summary>
    /// Splits a choice into built-in keys and own pack ids, refusing (with <c>invalid_input</c> on <c>packs</c>) an empty
    /// choice, a pack named twice, a game without packs, and a built-in key the game does not have. Whether the own
    /// packs exist for the caller is for the caller to check.
    /// </summary>
    public static Result<(IReadOnlyList<string> BuiltIn, IReadOnlyList<long> Own)> Parse(ICartridge game, IReadOnlyList<string> packs)
    {
        if (game is not IQuestionGame questions)
        {
            return Invalid(NoPacks(game));
        }

        if (packs.Count == 0)
        {
            return Invalid(new FieldError("packs_choose_one", "Choose at least one pack."));
        }

        var builtIn = new List<string>();
        var own = new List<long>();
        foreach (var reference in packs)
        {
            if (string.IsNullOrWhiteSpace(reference))
            {
                return Invalid(new FieldError("pack_name_empty", "A pack is named by its key ('animals') or as 'own:<id>'; an empty name is not a pack."));
            }

            if (packs.Count(p => p == reference) > 1)
            {
                return Invalid(new FieldError("pack_chosen_twice", $"'{reference}' is chosen twice.", reference));
            }

            if (TryOwn(reference, out var id))
            {
                own.Add(id);
            }
            else if (questions.Library.Packs.Any(p => p.Pack == reference))
            {
                builtIn.Add(reference);
            }
            else
            {
                var builtInKeys = string.Join(", ", questions.Library.Packs.Select(p => p.Pack).Distinct());
                return Invalid(reference.StartsWith(OwnPrefix, StringComparison.Ordinal)
                    ? new FieldError("pack_own_reference", $"'{reference}' is not a pack: own packs are 'own:' and their id, e.g. 'own:12'.", reference)
                    : new FieldError("unknown_pack_of", $"{game.Name} has no built-in pack '{reference}'. Built-in: {builtInKeys}.",
                        game.Name, reference, builtInKeys));
            }
        }

        return (builtIn, own);
    }

    /// <summary>What choosing packs for a game without question packs is told.</summary>
    public static FieldError NoPacks(ICartridge game) =>
        new("game_plays_no_packs", $"{game.Name} plays no question packs: leave 'packs' out.", game.Name);

    private static GameError Invalid(FieldError why) => GameError.Invalid("packs", why);
}
