using System.Globalization;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Content;

namespace PartyProtocol.Web.Components.Cartridges.Bluff;

/// <summary>The words Bluff's screens put around the view's numbers and names.</summary>
public static class BluffText
{
    public const string Blank = Question.Blank;

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

    /// <summary>What the player's pick meant: found the truth, fooled by someone, or no pick.</summary>
    public static string PickOutcome(RoundFeedback feedback, bool picked) => feedback switch
    {
        { FoundTruth: true } => "You found the truth!",
        { FooledBy.Count: > 0 } => $"You were fooled by {Names(feedback.FooledBy)}",
        _ when !picked => "You didn't pick an answer in time.",
        _ => "No points from your pick this time.",
    };

    /// <summary>What the player's lie did, or null when they wrote none.</summary>
    public static string? LieOutcome(RoundFeedback feedback, bool lied) => (feedback.PlayersFooled, lied) switch
    {
        ( > 0, _) => $"Your lie fooled {Players(feedback.PlayersFooled)}",
        (_, true) => "Nobody fell for your lie.",
        _ => null,
    };

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

    public static string AwardIcon(string key) => key switch
    {
        "master_detective" => "🕵️",
        "best_liar" => "🤥",
        "gullible" => "🐟",
        "funniest_lie" => "😂",
        "crowd_favourite" => "🌟",
        "sweetheart" => "❤️",
        _ => "🏅",
    };
}
