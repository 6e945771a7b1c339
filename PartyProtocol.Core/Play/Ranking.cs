using System.Collections.Immutable;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Play;

/// <summary>A ranked player: ties share a rank.</summary>
/// <param name="PreviousRank">The rank before the latest points (for rank changes), when known.</param>
public sealed record RankedPlayer(int Rank, string PlayerId, string Name, int Score, int? PreviousRank);

/// <summary>A player named in a public result.</summary>
public sealed record NamedPlayer(string PlayerId, string Name);

/// <summary>Rankings with ties and rank changes, the same for every game.</summary>
public static class Ranking
{
    /// <summary>Competition ranks (1, 1, 3): ties share a rank.</summary>
    public static ImmutableDictionary<string, int> Ranks(IReadOnlyDictionary<string, int> scores, IEnumerable<PlayerInfo> players)
    {
        var seated = players as IReadOnlyCollection<PlayerInfo> ?? players.ToList();
        var all = seated.Select(p => scores.GetValueOrDefault(p.Id)).ToList();
        return seated.ToImmutableDictionary(p => p.Id, p => 1 + all.Count(s => s > scores.GetValueOrDefault(p.Id)));
    }

    /// <summary>Players ordered by score (ties share a rank, then by name), with their previous rank when known.</summary>
    public static ImmutableList<RankedPlayer> Rank(IReadOnlyDictionary<string, int> scores, IReadOnlyList<PlayerInfo> players,
        IReadOnlyDictionary<string, int>? previous)
    {
        var ranks = Ranks(scores, players);
        return players
            .Select(p => new RankedPlayer(ranks[p.Id], p.Id, p.Name, scores.GetValueOrDefault(p.Id),
                previous is not null && previous.TryGetValue(p.Id, out var before) ? before : null))
            .OrderBy(r => r.Rank)
            .ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToImmutableList();
    }
}
