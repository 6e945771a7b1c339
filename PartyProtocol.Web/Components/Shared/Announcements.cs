using PartyProtocol.Core.Play;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Web.Components.Shared;

/// <summary>What every game's phone announces alike (see <see cref="LiveAnnouncer"/>).</summary>
public static class Announcements
{
    /// <summary>The player's final rank out of everyone ranked, or null for a viewer who is not ranked.</summary>
    public static string? FinalRank(FinalResult? final, IReadOnlyList<RankedPlayer> scores, string? playerId, PartyText t)
    {
        IReadOnlyList<RankedPlayer> ranking = final?.Rankings ?? scores;
        return ranking.FirstOrDefault(r => r.PlayerId == playerId) is { } me
            ? t["Common_FinalRankOf", t.Ordinal(me.Rank), ranking.Count].Value
            : null;
    }
}
