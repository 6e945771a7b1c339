using PartyProtocol.Core.Events;
using PartyProtocol.Core.Play;

namespace PartyProtocol.Core.Cartridges.Quiz;

/// <summary>Quiz's event type names (each is the <c>EventType</c> of one payload record).</summary>
public static class QuizEvents
{
    public const string QuestionStarted = "phase.question_started";
    public const string QuestionResults = "phase.question_results";
    public const string Leaderboard = "phase.leaderboard";
}

/// <summary>A choice as screens show it: its place, its text, and the shape and colour that stand for it.</summary>
/// <param name="Index">Its display index (what the <c>answer</c> move sends).</param>
/// <param name="Shape"><c>triangle</c>, <c>diamond</c>, <c>circle</c> or <c>square</c>, by index.</param>
/// <param name="Colour"><c>red</c>, <c>blue</c>, <c>yellow</c> or <c>green</c>, by index.</param>
public sealed record QuizChoice(int Index, string Text, string Shape, string Colour)
{
    public static IReadOnlyList<string> Shapes { get; } = ["triangle", "diamond", "circle", "square"];

    public static IReadOnlyList<string> Colours { get; } = ["red", "blue", "yellow", "green"];

    public static QuizChoice At(int index, string text) => new(index, text, Shapes[index], Colours[index]);
}

/// <summary>phase.question_started: a question opens; its deadline starts. Which choice is correct is not in it.</summary>
/// <param name="Number">This question, from 1.</param>
/// <param name="Total">Questions in the game.</param>
/// <param name="DoublePoints">This question scores double.</param>
/// <param name="TimeLimitMs">The full time to answer.</param>
public sealed record QuestionStarted(int Number, int Total, string Text, string Category, IReadOnlyList<QuizChoice> Choices, bool DoublePoints,
    DateTimeOffset Deadline, long RemainingMs, long TimeLimitMs) : IEventData
{
    public static string EventType => QuizEvents.QuestionStarted;
}

/// <summary>phase.question_results: the question closed: the correct choice, how many picked each, and what it did for each player.</summary>
/// <param name="Correct">The display index of the correct choice.</param>
/// <param name="Counts">How many players picked each choice, by display index.</param>
/// <param name="Outcomes">Each seated player's points, streak and score.</param>
public sealed record QuestionResults(int Number, int Total, int Correct, IReadOnlyList<int> Counts, IReadOnlyList<QuizOutcome> Outcomes)
    : IEventData
{
    public static string EventType => QuizEvents.QuestionResults;

    /// <summary>How the audience answered, as one team; null when nobody in it did.</summary>
    public QuizAudienceResult? Audience { get; init; }
}

/// <summary>phase.leaderboard: the ranked players with their rank at the previous leaderboard.</summary>
public sealed record LeaderboardShown(int Number, int Total, IReadOnlyList<RankedPlayer> Players) : IEventData
{
    public static string EventType => QuizEvents.Leaderboard;

    /// <summary>"The audience" and its average score, shown beside the players; null while no audience member has answered.</summary>
    public int? AudienceScore { get; init; }
}
