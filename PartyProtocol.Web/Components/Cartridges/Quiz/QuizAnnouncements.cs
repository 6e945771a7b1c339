using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Web.Components.Shared;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Web.Components.Cartridges.Quiz;

/// <summary>What a screen reader announces on a Quiz phone (see <see cref="LiveAnnouncer"/>).</summary>
public static class QuizAnnouncements
{
    /// <summary>The question with its number, the verdict, the standing.</summary>
    public static string? Polite(QuizView quiz, QuizYou you, string? playerId, PartyText t) => quiz.Phase switch
    {
        QuizPhases.Question => $"{t["Live_Phase_question", quiz.Number, quiz.Total].Value} {quiz.Question.Text}",
        QuizPhases.Results => you.Outcome switch
        {
            { Correct: true } => t["Live_Verdict_Correct"].Value,
            { Answered: true } => t["Live_Verdict_Wrong"].Value,
            _ => t["Live_Verdict_TimeUp"].Value,
        },
        QuizPhases.Leaderboard => quiz.Scores.FirstOrDefault(s => s.PlayerId == playerId) is { } me
            ? $"{t["Live_Phase_leaderboard"].Value} {t["Common_FinalRank", t.Ordinal(me.Rank)].Value}"
            : t["Live_Phase_leaderboard"].Value,
        _ => null,
    };

    /// <summary>The final rank, once the game is over.</summary>
    public static string? Assertive(QuizView quiz, string? playerId, PartyText t) =>
        quiz.Phase == QuizPhases.GameOver ? Announcements.FinalRank(quiz.Final, quiz.Scores, playerId, t) : null;
}
