using System.Collections.Immutable;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Play;

namespace PartyProtocol.Core.Cartridges.Bluff;

/// <summary>Bluff's scoring, reveal order, rankings and awards: pure functions of the state.</summary>
public static class BluffScoring
{
    public const int TruthPoints = 1000;
    public const int FoolPoints = 500;

    /// <summary>What fooling the whole audience earns a lie's author (× the round's multiplier), like Fibbage's audience.</summary>
    public const int AudiencePoints = 500;

    /// <summary>
    /// The reveal: every answer someone picked, lies (and picked house lies) first, fewest pickers first, the truth
    /// always last; each step carries its points and the running scores. Also returns the updated award tallies.
    /// </summary>
    /// <remarks>
    /// With an <paramref name="audience"/> vote, each lie also earns its author round(500 × multiplier × the share of
    /// the voting audience it fooled) (half for a "lie for me" lie), and an answer only the audience picked is revealed too.
    /// </remarks>
    public static (ImmutableList<RevealStep> Steps, ImmutableDictionary<string, BluffStats> Stats) PlanReveal(
        BluffState state, IReadOnlyList<PlayerInfo> players, int multiplier, AudienceTally? audience = null)
    {
        int AudienceFor(string answerId) => audience?.For(answerId) ?? 0;
        var names = players.ToDictionary(p => p.Id, p => p.Name);
        string NameOf(string id) => names.GetValueOrDefault(id, "?");
        var pickers = state.Answers.ToDictionary(a => a.Id, a => state.Guesses.Where(g => g.Value == a.Id).Select(g => g.Key).Order(StringComparer.Ordinal).ToList());
        var order = state.Answers
            .Select((answer, index) => (answer, index))
            .Where(x => x.answer.Kind != AnswerKind.Truth && (pickers[x.answer.Id].Count > 0 || AudienceFor(x.answer.Id) > 0))
            .OrderBy(x => pickers[x.answer.Id].Count)
            .ThenBy(x => AudienceFor(x.answer.Id))
            .ThenBy(x => x.index)
            .Select(x => x.answer)
            .Append(state.Answers.First(a => a.Kind == AnswerKind.Truth))
            .ToList();

        var scores = state.Scores;
        foreach (var p in players)
        {
            scores = scores.ContainsKey(p.Id) ? scores : scores.Add(p.Id, 0);
        }

        var stats = state.Stats;
        BluffStats Stat(string id) => stats.GetValueOrDefault(id) ?? new BluffStats();
        var steps = ImmutableList.CreateBuilder<RevealStep>();
        foreach (var answer in order)
        {
            var picked = pickers[answer.Id];
            var awards = ImmutableList.CreateBuilder<PointsAward>();
            switch (answer.Kind)
            {
                case AnswerKind.Truth:
                    foreach (var id in picked)
                    {
                        awards.Add(new PointsAward(id, NameOf(id), TruthPoints * multiplier, "found_truth"));
                        stats = stats.SetItem(id, Stat(id) with { TruthsFound = Stat(id).TruthsFound + 1 });
                    }

                    break;
                case AnswerKind.Lie:
                    foreach (var author in answer.Authors)
                    {
                        var half = state.Lies.TryGetValue(author, out var lie) && lie.LieForMe;
                        var points = picked.Count * FoolPoints * multiplier / (half ? 2 : 1);
                        if (points > 0)
                        {
                            awards.Add(new PointsAward(author, NameOf(author), points, "fooled"));
                        }

                        stats = stats.SetItem(author, Stat(author) with { PlayersFooled = Stat(author).PlayersFooled + picked.Count });
                        var bonus = (int)Math.Round(AudiencePoints * multiplier * (audience?.ShareOf(answer.Id) ?? 0) / (half ? 2 : 1),
                            MidpointRounding.AwayFromZero);
                        if (bonus > 0)
                        {
                            awards.Add(new PointsAward(author, NameOf(author), bonus, "fooled_audience"));
                            stats = stats.SetItem(author, Stat(author) with { AudienceFooled = Stat(author).AudienceFooled + AudienceFor(answer.Id) });
                        }
                    }

                    foreach (var id in picked)
                    {
                        stats = stats.SetItem(id, Stat(id) with { LiesPicked = Stat(id).LiesPicked + 1 });
                    }

                    break;
                default:
                    foreach (var id in picked)
                    {
                        stats = stats.SetItem(id, Stat(id) with { LiesPicked = Stat(id).LiesPicked + 1 });
                    }

                    break;
            }

            foreach (var award in awards)
            {
                scores = scores.SetItem(award.PlayerId, Math.Max(0, scores.GetValueOrDefault(award.PlayerId) + award.Points));
            }

            steps.Add(new RevealStep(steps.Count + 1, order.Count, answer.Id, answer.Text, answer.Kind,
                answer.Authors.Select(a => new NamedPlayer(a, NameOf(a))).ToImmutableList(),
                picked.Select(id => new NamedPlayer(id, NameOf(id))).ToImmutableList(),
                awards.ToImmutable(), scores)
            {
                AudiencePicks = AudienceFor(answer.Id),
                AudienceShare = Math.Round(audience?.ShareOf(answer.Id) ?? 0, 4),
            });
        }

        foreach (var answer in state.Answers.Where(a => a.Kind == AnswerKind.Lie))
        {
            var reactions = state.Reactions.GetValueOrDefault(answer.Id);
            var total = reactions?.Values.Sum(r => r.Count) ?? 0;
            var laughs = reactions?.GetValueOrDefault("😂")?.Count ?? 0;
            var hearts = reactions?.GetValueOrDefault("❤️")?.Count ?? 0;
            foreach (var author in answer.Authors)
            {
                var s = Stat(author);
                stats = stats.SetItem(author, s with
                {
                    ReactionsReceived = s.ReactionsReceived + total,
                    BestLaughs = Math.Max(s.BestLaughs, laughs),
                    HeartsReceived = s.HeartsReceived + hearts,
                });
            }
        }

        return (steps.ToImmutable(), stats);
    }

    /// <summary>The awards Bluff hands out at the end, from the tallies kept during the game.</summary>
    public static IReadOnlyList<AwardRule<BluffStats>> AwardRules { get; } =
    [
        new("master_detective", "Master detective", "Found the truth most often", "🕵️", s => s.TruthsFound),
        new("best_liar", "Best liar", "Fooled the most players", "🤥", s => s.PlayersFooled),
        new("gullible", "Gullible", "Fell for the most lies", "🐟", s => s.LiesPicked),
        new("funniest_lie", "Funniest lie", "Most 😂 on a single lie", "😂", s => s.BestLaughs),
        new("crowd_favourite", "Crowd favourite", "Most reactions on their lies", "🌟", s => s.ReactionsReceived),
        new("sweetheart", "Sweetheart", "Most ❤️ on their lies", "❤️", s => s.HeartsReceived),
        new("audience_favourite", "Audience favourite", "Fooled the most of the audience", "📣", s => s.AudienceFooled),
    ];

    /// <summary>Post-game awards; an award nobody earned (best value 0) is left out, ties share it.</summary>
    public static ImmutableList<Award> Awards(IReadOnlyDictionary<string, BluffStats> stats, IReadOnlyList<PlayerInfo> players) =>
        Play.Awards.For(AwardRules, stats, players, new BluffStats());
}
