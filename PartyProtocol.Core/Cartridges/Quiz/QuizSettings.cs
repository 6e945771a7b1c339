using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Cartridges.Quiz;

/// <summary>Quiz's settings. Every duration is in seconds and is multiplied by <see cref="TimerScale"/>.</summary>
/// <param name="Questions">Questions per game.</param>
/// <param name="SecondsPerQuestion">Time to answer (a question may bring its own).</param>
/// <param name="Leaderboard">When the leaderboard shows between questions (see <see cref="QuizLeaderboard"/>).</param>
/// <param name="DoublePointsLastQuestion">The last question scores double.</param>
public sealed record QuizSettings(
    int Questions,
    int SecondsPerQuestion,
    string Leaderboard,
    bool DoublePointsLastQuestion,
    double TimerScale,
    int MaxPlayers,
    bool FamilyFriendly)
{
    /// <summary>Seconds the results of a question stay up.</summary>
    public const int ResultsSeconds = 6;

    /// <summary>Seconds the leaderboard stays up.</summary>
    public const int LeaderboardSeconds = 8;

    /// <summary>The room's language (<see cref="PackLanguage"/>): the questions come from packs in it.</summary>
    public string Language { get; init; } = PackLanguage.Default;

    /// <summary>
    /// The questions this game draws from: the packs the host chose (not a setting of its own, see
    /// <see cref="QuestionDeck{TQuestion}"/>).
    /// </summary>
    public QuestionDeck<QuizQuestion> Deck { get; init; } = QuestionDeck<QuizQuestion>.Everything;

    public TimeSpan Scaled(int seconds) => TimeSpan.FromSeconds(seconds * TimerScale);

    /// <summary>Whether the leaderboard shows after question <paramref name="number"/> (never after the last: the podium does).</summary>
    public bool LeaderboardAfter(int number) => number < Questions && QuizLeaderboard.Every(Leaderboard) is { } every && number % every == 0;

    /// <summary>Whether question <paramref name="number"/> scores double.</summary>
    public bool IsDouble(int number) => DoublePointsLastQuestion && number == Questions;
}

/// <summary>The options of the <c>leaderboard</c> setting.</summary>
public static class QuizLeaderboard
{
    public const string EveryQuestion = "every_question";
    public const string Every2 = "every_2";
    public const string Every3 = "every_3";
    public const string Every5 = "every_5";
    public const string EndOnly = "end_only";

    public static IReadOnlyList<SettingOption> Options { get; } =
    [
        new(EveryQuestion, "After every question"),
        new(Every2, "Every 2 questions"),
        new(Every3, "Every 3 questions"),
        new(Every5, "Every 5 questions"),
        new(EndOnly, "Only at the end"),
    ];

    /// <summary>Every how many questions the leaderboard shows, or null for never (only the final podium).</summary>
    public static int? Every(string option) => option switch
    {
        EveryQuestion => 1,
        Every2 => 2,
        Every3 => 3,
        Every5 => 5,
        _ => null,
    };
}
