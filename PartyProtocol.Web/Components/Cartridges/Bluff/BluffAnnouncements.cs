using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Web.Components.Shared;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Web.Components.Cartridges.Bluff;

/// <summary>What a screen reader announces on a Bluff phone (see <see cref="LiveAnnouncer"/>).</summary>
public static class BluffAnnouncements
{
    /// <summary>The phase and its question; once the lie is in, that it was accepted.</summary>
    public static string Polite(BluffView bluff, BluffYou you, PartyText t) => bluff.Phase switch
    {
        BluffPhases.Lie when you.Lie is not null => t[you.LieForMe ? "Live_LieForMeAccepted" : "Live_LieAccepted"].Value,
        BluffPhases.Lie => $"{t["Live_Phase_lie", bluff.Round, bluff.Rounds].Value} {t["Live_Question", Spoken(bluff.Question.Text)].Value}",
        BluffPhases.Scoreboard => t["Live_Phase_scoreboard", bluff.Round, bluff.Rounds].Value,
        var phase => t["Live_Phase_" + phase].Value,
    };

    /// <summary>Who fooled the player (or that they found the truth), and their final rank.</summary>
    public static string? Assertive(BluffView bluff, BluffYou you, string? playerId, PartyText t)
    {
        if (bluff.Phase == BluffPhases.GameOver)
        {
            return Announcements.FinalRank(bluff.Final, bluff.Scores, playerId, t);
        }

        return you.Feedback switch
        {
            { FoundTruth: true } => t["Live_FoundTruth"].Value,
            { FooledBy.Count: > 0 } feedback => t["Live_FooledBy", t.Names(feedback.FooledBy)].Value,
            _ => null,
        };
    }

    /// <summary>The sentence as it is read aloud: the blank as a pause a listener can hear.</summary>
    public static string Spoken(string text) => text.Replace(BluffText.Blank, "…", StringComparison.Ordinal);
}
