using System.Collections.Immutable;
using System.Globalization;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Play;

namespace PartyProtocol.Core.Cartridges.Quiz;

/// <summary>Quiz's scoring and awards: pure functions.</summary>
public static class QuizScoring
{
    public const int MaxPoints = 1000;
    public const int StreakStep = 100;
    public const int MaxStreakBonus = 500;

    /// <summary>
    /// Points for a correct answer after <paramref name="elapsedMs"/> of <paramref name="limitMs"/>:
    /// <c>round(1000 × (1 − (elapsed / limit) / 2))</c> — 1000 at once, 500 at the buzzer (Kahoot's formula).
    /// </summary>
    public static int SpeedPoints(long elapsedMs, long limitMs)
    {
        var share = limitMs <= 0 ? 1 : Math.Clamp((double)elapsedMs / limitMs, 0, 1);
        return (int)Math.Round(MaxPoints * (1 - (share / 2)), MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The streak bonus for a correct answer that makes a streak of <paramref name="streak"/> in a row: +100 for each
    /// correct answer before it in the streak, at most +500 (nothing for the first).
    /// </summary>
    public static int StreakBonus(int streak) => Math.Clamp(StreakStep * (streak - 1), 0, MaxStreakBonus);

    /// <summary>
    /// The audience's answer to the closing question, as one team: a correct answer is worth 1000 (doubled on a double
    /// question) — no speed bonus, a member's time is not kept — times the share of the voting members who were right;
    /// the team's score is the running sum, the average member's score. Null when nobody in the audience answered.
    /// </summary>
    public static QuizAudienceResult? Audience(QuizState state, AudienceTally? tally)
    {
        if (tally is null || tally.Total == 0)
        {
            return null;
        }

        var counts = Enumerable.Range(0, state.Round.Choices.Count).Select(i => tally.For(i.ToString(CultureInfo.InvariantCulture))).ToList();
        var worth = MaxPoints * (state.Round.DoublePoints ? 2 : 1);
        var points = (int)Math.Round(worth * (double)counts[state.Round.Correct] / tally.Total, MidpointRounding.AwayFromZero);
        return new QuizAudienceResult(tally.Total, counts, points, state.AudienceScore + points);
    }

    /// <summary>Closes the question: every seated player's outcome, the new scores, streaks and award tallies.</summary>
    public static (ImmutableList<QuizOutcome> Outcomes, QuizState State) Close(QuizState state, IReadOnlyList<PlayerInfo> players)
    {
        var scores = state.Scores;
        var streaks = state.Streaks;
        var stats = state.Stats;
        var outcomes = ImmutableList.CreateBuilder<QuizOutcome>();
        foreach (var player in players)
        {
            var answer = state.Answers.GetValueOrDefault(player.Id);
            var correct = answer is not null && answer.Choice == state.Round.Correct;
            var streak = correct ? streaks.GetValueOrDefault(player.Id) + 1 : 0;
            var points = correct ? SpeedPoints(answer!.ElapsedMs, state.Round.LimitMs) + StreakBonus(streak) : 0;
            if (state.Round.DoublePoints)
            {
                points *= 2;
            }

            var score = scores.GetValueOrDefault(player.Id) + points;
            scores = scores.SetItem(player.Id, score);
            streaks = streaks.SetItem(player.Id, streak);
            var tally = stats.GetValueOrDefault(player.Id) ?? new QuizStats();
            if (correct)
            {
                tally = tally with
                {
                    CorrectAnswers = tally.CorrectAnswers + 1,
                    FastestCorrectMs = tally.FastestCorrectMs == 0 ? Math.Max(1, answer!.ElapsedMs) : Math.Min(tally.FastestCorrectMs, Math.Max(1, answer!.ElapsedMs)),
                    LongestStreak = Math.Max(tally.LongestStreak, streak),
                };
            }

            stats = stats.SetItem(player.Id, tally);
            outcomes.Add(new QuizOutcome(player.Id, player.Name, answer is not null, correct, points, streak, score));
        }

        // Ranks after this question feed the comeback award: the worst place anyone climbed back from.
        var ranks = Ranking.Ranks(scores, players);
        foreach (var player in players)
        {
            var tally = stats[player.Id];
            stats = stats.SetItem(player.Id, tally with { WorstRank = Math.Max(tally.WorstRank, ranks[player.Id]) });
        }

        return (outcomes.ToImmutable(), state with { Scores = scores, Streaks = streaks, Stats = stats, Outcomes = outcomes.ToImmutable() });
    }

    /// <summary>The awards Quiz hands out at the end.</summary>
    public static ImmutableList<Award> Awards(QuizState state, IReadOnlyList<PlayerInfo> players)
    {
        var finalRanks = Ranking.Ranks(state.Scores, players);
        var stats = state.Stats.ToImmutableDictionary(s => s.Key, s => (Stats: s.Value, Final: finalRanks.GetValueOrDefault(s.Key)));
        AwardRule<(QuizStats Stats, int Final)>[] rules =
        [
            new("fastest_finger", "Fastest finger", "The quickest correct answer", "⚡", s => (int)Math.Min(int.MaxValue, s.Stats.FastestCorrectMs))
            {
                LowerIsBetter = true,
                Format = ms => (ms / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s",
            },
            new("longest_streak", "On fire", "The longest run of correct answers", "🔥", s => s.Stats.LongestStreak >= 2 ? s.Stats.LongestStreak : 0)
            {
                Format = n => $"{n} in a row",
            },
            new("brainbox", "Brainbox", "The most correct answers", "🧠", s => s.Stats.CorrectAnswers),
            new("comeback", "Comeback", "Climbed the most places from their lowest point", "🚀",
                s => s.Final > 0 && s.Stats.WorstRank > s.Final ? s.Stats.WorstRank - s.Final : 0)
            {
                Format = n => n == 1 ? "1 place" : $"{n} places",
            },
        ];
        return Play.Awards.For(rules, stats, players, (new QuizStats(), 0));
    }
}
