using System.Globalization;
using PartyProtocol.Core.Play;

namespace PartyProtocol.Web.Components.Shared;

/// <summary>The words every game's screens put around ranks, names and counts.</summary>
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

    public static string Players(int count) => count == 1 ? "1 player" : $"{count} players";

    /// <summary>"▲2", "▼1", "–" or "new".</summary>
    public static (string Text, string Css) RankChange(RankedPlayer player) => player.PreviousRank switch
    {
        null => ("new", "is-new"),
        { } before when before > player.Rank => ($"▲{before - player.Rank}", "is-up"),
        { } before when before < player.Rank => ($"▼{player.Rank - before}", "is-down"),
        _ => ("–", "is-same"),
    };

    /// <summary>The rank change in words, for a phone: "▲ Up 2 places", "▼ Down 1 place", "Same place as before".</summary>
    public static string RankChangeWords(RankedPlayer player) => player.PreviousRank switch
    {
        { } before when before > player.Rank => $"▲ Up {Places(before - player.Rank)}",
        { } before when before < player.Rank => $"▼ Down {Places(player.Rank - before)}",
        { } => "Same place as before",
        null => "",
    };

    private static string Places(int count) => count == 1 ? "1 place" : $"{count} places";
}
