using PartyProtocol.Core.Cartridges.Quiz;

namespace PartyProtocol.Web.Components.Cartridges.Quiz;

/// <summary>The words Quiz's screens put around the view's numbers.</summary>
public static class QuizText
{
    /// <summary>"Question 3 of 10".</summary>
    public static string Progress(QuizView quiz) => $"Question {quiz.Number} of {quiz.Total}";

    /// <summary>The headline a phone shows once the question closed.</summary>
    public static string Verdict(QuizOutcome outcome) => outcome switch
    {
        { Correct: true } => "Correct!",
        { Answered: true } => "Wrong",
        _ => "Time's up",
    };

    /// <summary>"🔥 3 in a row" from two correct answers on; null before.</summary>
    public static string? Streak(int streak) => streak >= 2 ? $"🔥 {streak} in a row" : null;

    public static string Answers(int count) => count == 1 ? "1 answer" : $"{count} answers";
}
