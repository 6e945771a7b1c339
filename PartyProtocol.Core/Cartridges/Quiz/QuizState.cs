using System.Collections.Immutable;
using PartyProtocol.Core.Play;

namespace PartyProtocol.Core.Cartridges.Quiz;

/// <summary>Quiz's phases.</summary>
public static class QuizPhases
{
    public const string Question = "question";
    public const string Results = "results";
    public const string Leaderboard = "leaderboard";
    public const string GameOver = "game_over";
}

/// <summary>
/// The question being played, as the server keeps it: the choices in the order the screens show them, and which of
/// them is correct (a secret until the results).
/// </summary>
/// <param name="Choices">The choices in display order (shuffled from the pack's order with the session's seed).</param>
/// <param name="Correct">The display index of the correct choice. Never in a view or event before the results.</param>
/// <param name="LimitMs">The time to answer, timer scale included.</param>
public sealed record QuizRound(string QuestionId, string Text, string Category, ImmutableList<string> Choices, int Correct, long LimitMs, bool DoublePoints);

/// <summary>A player's locked-in answer: the display index they tapped and how long it took (paused time not counted).</summary>
public sealed record QuizAnswer(int Choice, long ElapsedMs);

/// <summary>What one question did for one player.</summary>
/// <param name="Answered">They answered in time.</param>
/// <param name="Points">Points for this question (0 when wrong or not answered).</param>
/// <param name="Streak">Correct answers in a row, this one included (0 after a wrong or missing answer).</param>
/// <param name="Score">Their score after this question.</param>
public sealed record QuizOutcome(string PlayerId, string Name, bool Answered, bool Correct, int Points, int Streak, int Score);

/// <summary>Running tallies for the awards.</summary>
/// <param name="FastestCorrectMs">The quickest correct answer, or 0 before the first.</param>
/// <param name="WorstRank">The lowest rank after any question (for the comeback).</param>
public sealed record QuizStats(int CorrectAnswers = 0, long FastestCorrectMs = 0, int LongestStreak = 0, int WorstRank = 0);

/// <summary>Quiz's whole game state. Immutable; changed with <c>with</c>.</summary>
public sealed record QuizState
{
    public required string Phase { get; init; }

    /// <summary>The question being played, from 1.</summary>
    public required int Number { get; init; }

    public required int Total { get; init; }

    /// <summary>The ids of every question of the game, drawn at the start.</summary>
    public required ImmutableList<string> QuestionIds { get; init; }

    public required QuizRound Round { get; init; }

    public ImmutableDictionary<string, QuizAnswer> Answers { get; init; } = ImmutableDictionary<string, QuizAnswer>.Empty;

    public ImmutableDictionary<string, int> Scores { get; init; } = ImmutableDictionary<string, int>.Empty;

    public ImmutableDictionary<string, int> Streaks { get; init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>What the last question did for each player (from its results on).</summary>
    public ImmutableList<QuizOutcome> Outcomes { get; init; } = [];

    /// <summary>Ranks at the previous leaderboard (or the start), for rank changes.</summary>
    public ImmutableDictionary<string, int> RanksBefore { get; init; } = ImmutableDictionary<string, int>.Empty;

    public ImmutableDictionary<string, QuizStats> Stats { get; init; } = ImmutableDictionary<string, QuizStats>.Empty;

    /// <summary>The audience as one team: its average score over the questions so far.</summary>
    public int AudienceScore { get; init; }

    /// <summary>Whether the audience has answered any question yet (then it shows on the leaderboard).</summary>
    public bool AudienceAnswered { get; init; }

    /// <summary>How the audience answered the last question (from its results on); null when nobody in it voted.</summary>
    public QuizAudienceResult? AudienceResult { get; init; }

    public FinalResult? Final { get; init; }
}

/// <summary>The audience's answer to one question, as one team.</summary>
/// <param name="Voters">Members who answered.</param>
/// <param name="Counts">How many members picked each choice, by display index.</param>
/// <param name="Points">The team's points: what a correct answer is worth (1000, doubled on a double question) × the share who got it right.</param>
/// <param name="Score">The team's score after this question: the average member's score.</param>
public sealed record QuizAudienceResult(int Voters, IReadOnlyList<int> Counts, int Points, int Score);
