using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Web.Components.Cartridges.Quiz;

/// <summary>The words Quiz's screens put around the view's numbers.</summary>
public static class QuizText
{
    /// <summary>"Question 3 of 10".</summary>
    public static string Progress(QuizView quiz, PartyText t) => t["Quiz_Progress", quiz.Number, quiz.Total];

    /// <summary>The headline a phone shows once the question closed.</summary>
    public static string Verdict(QuizOutcome outcome, PartyText t) => outcome switch
    {
        { Correct: true } => t["Quiz_Verdict_Correct"],
        { Answered: true } => t["Quiz_Verdict_Wrong"],
        _ => t["Quiz_Verdict_TimeUp"],
    };

    /// <summary>"🔥 3 in a row" from two correct answers on; null before.</summary>
    public static string? Streak(int streak, PartyText t) => streak >= 2 ? t["Quiz_Streak", streak].Value : null;

    public static string Answers(int count) => count == 1 ? "1 answer" : $"{count} answers";
}
