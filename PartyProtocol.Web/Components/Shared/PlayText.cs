using System.Globalization;
using PartyProtocol.Core.Play;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Web.Components.Shared;

/// <summary>
/// The words every game's screens put around ranks, names and counts. The phone's take a <see cref="PartyText"/>;
/// the English-only ones are for the TV's screens until those are localized too.
/// </summary>
public static class PlayText
{
    /// <summary>"Ann", "Ann and Ben", "Ann, Ben and Cy".</summary>
    public static string Names(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };

    /// <summary>1st, 2nd, 3rd, 4th, 11th, 21st…</summary>
    public static string Ordinal(int rank)
    {
        var suffix = (rank % 100) is 11 or 12 or 13 ? "th" : (rank % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        };
        return rank.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>"▲2", "▼1", "–" or "new".</summary>
    public static (string Text, string Css) RankChange(RankedPlayer player) => player.PreviousRank switch
    {
        null => ("new", "is-new"),
        { } before when before > player.Rank => ($"▲{before - player.Rank}", "is-up"),
        { } before when before < player.Rank => ($"▼{player.Rank - before}", "is-down"),
        _ => ("–", "is-same"),
    };

    /// <summary>The rank change in words, for a phone: "▲ Up 2 places", "▼ Down 1 place", "Same place as before" ("▲ 2 pladser op").</summary>
    public static string RankChangeWords(RankedPlayer player, PartyText t) => player.PreviousRank switch
    {
        { } before when before > player.Rank => t.Plural("Common_RankUp", before - player.Rank),
        { } before when before < player.Rank => t.Plural("Common_RankDown", player.Rank - before),
        { } => t["Common_RankSame"],
        null => "",
    };

    /// <summary>An award's name in the screen's language; an award the texts do not know yet keeps the game's own name.</summary>
    public static string AwardTitle(Award award, PartyText t) => t["Shared_Award_" + award.Key] is { ResourceNotFound: false } text ? text : award.Title;

    /// <summary>What an award is for, in the screen's language (the game's own sentence for an award the texts do not know).</summary>
    public static string AwardDescription(Award award, PartyText t) =>
        t["Shared_AwardHow_" + award.Key] is { ResourceNotFound: false } text ? text : award.Description;

}
