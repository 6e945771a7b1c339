using System.Collections.Immutable;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;

namespace PartyProtocol.Core.Play;

/// <summary>A post-game award and everyone who shares it.</summary>
/// <param name="Key">Stable key, e.g. <c>best_liar</c>.</param>
/// <param name="Icon">An emoji for the award card.</param>
/// <param name="Value">The winning tally.</param>
/// <param name="Detail">The tally as people read it: "3", "1.4 s", "5 in a row".</param>
public sealed record Award(string Key, string Title, string Description, string Icon, ImmutableList<NamedPlayer> Winners, int Value, string Detail);

/// <summary>
/// Final rankings and awards: what every game's podium shows, and the payload of <c>phase.game_over</c>, the last event
/// of every game.
/// </summary>
/// <param name="Rankings">Best first; players who left are not ranked.</param>
/// <param name="Awards">An award nobody earned is left out; ties share it.</param>
public sealed record FinalResult(ImmutableList<RankedPlayer> Rankings, ImmutableList<Award> Awards) : IEventData
{
    public static string EventType => "phase.game_over";
}

/// <summary>One award a game hands out: who has the best tally of something.</summary>
/// <typeparam name="TStats">The game's per-player tallies.</typeparam>
/// <param name="Value">A player's tally; 0 or less means they have not earned the award.</param>
public sealed record AwardRule<TStats>(string Key, string Title, string Description, string Icon, Func<TStats, int> Value)
{
    /// <summary>The smallest positive tally wins (a time), not the largest.</summary>
    public bool LowerIsBetter { get; init; }

    /// <summary>How the winning tally reads; the number itself by default.</summary>
    public Func<int, string> Format { get; init; } = value => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Awards from per-player tallies, the same way for every game.</summary>
public static class Awards
{
    /// <summary>
    /// Each rule's best tally among <paramref name="players"/>; an award nobody earned (no positive tally) is left out,
    /// and ties share it.
    /// </summary>
    public static ImmutableList<Award> For<TStats>(IEnumerable<AwardRule<TStats>> rules, IReadOnlyDictionary<string, TStats> stats,
        IReadOnlyList<PlayerInfo> players, TStats none)
    {
        var awards = ImmutableList.CreateBuilder<Award>();
        foreach (var rule in rules)
        {
            var values = players.Select(p => (p, v: rule.Value(stats.TryGetValue(p.Id, out var tally) ? tally : none))).Where(x => x.v > 0).ToList();
            if (values.Count == 0)
            {
                continue;
            }

            var best = rule.LowerIsBetter ? values.Min(x => x.v) : values.Max(x => x.v);
            awards.Add(new Award(rule.Key, rule.Title, rule.Description, rule.Icon,
                values.Where(x => x.v == best).Select(x => new NamedPlayer(x.p.Id, x.p.Name)).ToImmutableList(), best, rule.Format(best)));
        }

        return awards.ToImmutable();
    }
}
