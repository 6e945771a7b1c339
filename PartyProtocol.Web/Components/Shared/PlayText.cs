using PartyProtocol.Core.Play;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Web.Components.Shared;

/// <summary>
/// The words every game's screens put around ranks and awards, in the screen's language (<see cref="PartyText"/>; names
/// and ordinals are <see cref="PartyText.Names"/> and <see cref="PartyText.Ordinal"/>).
/// </summary>
public static class PlayText
{
    /// <summary>"▲2", "▼1", "–" or "new" ("ny").</summary>
    public static (string Text, string Css) RankChange(RankedPlayer player, PartyText t) => player.PreviousRank switch
    {
        null => (t["Common_RankNew"], "is-new"),
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

    /// <summary>
    /// The winning tally in words, in the screen's language: "5 in a row" ("5 i træk"), "1.4 s" ("1,4 sek."). The text is
    /// <c>Shared_AwardDetail_&lt;key&gt;</c> (or its <c>_One</c>/<c>_Other</c> forms) with the tally as {0} and, for a time
    /// kept in milliseconds, the seconds as {1}; an award without one shows the game's own detail (a bare number reads the
    /// same in every language).
    /// </summary>
    public static string AwardDetail(Award award, PartyText t)
    {
        var key = "Shared_AwardDetail_" + award.Key;
        var seconds = (award.Value / 1000.0).ToString("0.0", t.Culture);
        if (!t[key + "_One"].ResourceNotFound)
        {
            return t.Plural(key, award.Value, seconds);
        }

        return t[key, award.Value, seconds] is { ResourceNotFound: false } text ? text.Value : award.Detail;
    }
}
