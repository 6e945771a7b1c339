using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Play;

namespace PartyProtocol.Core.Cartridges.Quiz;

/// <summary>The question as screens see it. The correct choice is not in it.</summary>
public sealed record QuizQuestionView(string Text, string Category, IReadOnlyList<QuizChoice> Choices, bool DoublePoints, long TimeLimitMs);

/// <summary>How the question went, once its results are out.</summary>
/// <param name="Correct">The display index of the correct choice.</param>
/// <param name="Counts">How many picked each choice.</param>
public sealed record QuizResultsView(int Correct, IReadOnlyList<int> Counts, IReadOnlyList<QuizOutcome> Outcomes);

/// <summary>A player's own part of the view.</summary>
/// <param name="Choice">The choice they locked in for this question, if any.</param>
/// <param name="CanAnswer">The question is open and they have not answered.</param>
/// <param name="Streak">Correct answers in a row so far.</param>
/// <param name="Outcome">What the last closed question did for them (from its results on).</param>
public sealed record QuizYou(int? Choice, bool CanAnswer, int Score, int Rank, int Streak, QuizOutcome? Outcome);

/// <summary>Quiz's view: one record for every viewer; the player's own part sits under <see cref="You"/>.</summary>
/// <param name="Answered">Who has answered the open question (ids), never what.</param>
/// <param name="Results">The question's results; null while it is open.</param>
/// <param name="Scores">Everyone ranked, with their rank at the previous leaderboard on the leaderboard.</param>
public sealed record QuizView(
    string Phase,
    int Number,
    int Total,
    QuizQuestionView Question,
    IReadOnlyList<string> Answered,
    QuizResultsView? Results,
    IReadOnlyList<RankedPlayer> Scores,
    FinalResult? Final,
    QuizYou? You)
{
    /// <summary>
    /// "The audience" as one team and its score, for the big screen's leaderboard (host view only; the same number is in
    /// every <c>phase.leaderboard</c>); null until the audience has answered a question.
    /// </summary>
    public int? AudienceScore { get; init; }
}

/// <summary>Builds each viewer's <see cref="QuizView"/>: before the results, nobody learns which choice is correct.</summary>
public static class QuizViews
{
    public static QuizView Build(GameContext<QuizSettings, QuizState> ctx, Viewer viewer)
    {
        var state = ctx.State;
        var closed = state.Phase != QuizPhases.Question;
        var me = viewer.Kind == ViewerKind.Player ? viewer.PlayerId : null;
        var ranks = Ranking.Rank(state.Scores, ctx.Players, state.Phase == QuizPhases.Leaderboard ? state.RanksBefore : null);
        return new QuizView(
            state.Phase,
            state.Number,
            state.Total,
            Question(state.Round),
            state.Phase == QuizPhases.Question ? [.. ctx.Players.Where(p => state.Answers.ContainsKey(p.Id)).Select(p => p.Id)] : [],
            closed ? new QuizResultsView(state.Round.Correct, Counts(state), state.Outcomes) : null,
            ranks,
            state.Final,
            me is null ? null : You(state, me, ranks, closed))
        {
            AudienceScore = viewer.Kind == ViewerKind.Host && state.AudienceAnswered ? state.AudienceScore : null,
        };
    }

    public static QuizQuestionView Question(QuizRound round) =>
        new(round.Text, round.Category, Choices(round), round.DoublePoints, round.LimitMs);

    public static IReadOnlyList<QuizChoice> Choices(QuizRound round) => [.. round.Choices.Select((text, i) => QuizChoice.At(i, text))];

    public static IReadOnlyList<int> Counts(QuizState state) =>
        [.. Enumerable.Range(0, state.Round.Choices.Count).Select(i => state.Answers.Values.Count(a => a.Choice == i))];

    private static QuizYou You(QuizState state, string playerId, IReadOnlyList<RankedPlayer> ranks, bool closed)
    {
        var mine = ranks.FirstOrDefault(r => r.PlayerId == playerId);
        var answer = state.Answers.GetValueOrDefault(playerId);
        return new QuizYou(
            answer?.Choice,
            state.Phase == QuizPhases.Question && answer is null,
            mine?.Score ?? 0,
            mine?.Rank ?? 0,
            state.Streaks.GetValueOrDefault(playerId),
            closed ? state.Outcomes.FirstOrDefault(o => o.PlayerId == playerId) : null);
    }
}
