using PartyProtocol.Core.Events;
using PartyProtocol.Core.Play;

namespace PartyProtocol.Core.Cartridges.Bluff;

/// <summary>Bluff's event type names (each is the <c>EventType</c> of one payload record below).</summary>
public static class BluffEvents
{
    public const string LieStarted = "phase.lie_started";
    public const string QuestionShown = "phase.question_shown";
    public const string SubmissionReceived = "submission.received";
    public const string GuessStarted = "phase.guess_started";
    public const string ReactionUpdated = "reaction.updated";
    public const string ScoresCalculated = "phase.scores_calculated";
    public const string RevealStep = "reveal.step";
    public const string Scoreboard = "phase.scoreboard";
    public const string GameOver = "phase.game_over";
    public const string LieHidden = "lie.hidden";
}

/// <summary>The question as events show it (never the truth).</summary>
public sealed record QuestionSummary(string Text, string Category);

/// <summary>An answer on the guess screen: no kind, no author.</summary>
public sealed record AnswerChoice(string Id, string Text);

/// <summary>One player's points in a round.</summary>
public sealed record ScoreDelta(string PlayerId, string Name, int Delta);

/// <summary>phase.lie_started: a round begins; the lie phase's deadline starts.</summary>
/// <param name="Multiplier">The round's score multiplier: ×1 for the first half, ×2 after, ×3 for the final round.</param>
/// <param name="Prompt">The instruction to show players.</param>
/// <param name="Question">The question; its text contains <c>&lt;BLANK&gt;</c>.</param>
/// <param name="TimeLimitMs">The phase's full length (<c>lieSeconds</c> × <c>timerScale</c>).</param>
public sealed record LieStarted(int Round, int Rounds, int Multiplier, string Prompt, QuestionSummary Question, DateTimeOffset Deadline,
    long RemainingMs, long TimeLimitMs) : IEventData
{
    public static string EventType => BluffEvents.LieStarted;
}

/// <summary>phase.question_shown: the round's question, for the big screen (right after the lie phase starts, and on request).</summary>
public sealed record QuestionShown(int Round, int Rounds, int Multiplier, string Text, string Category) : IEventData
{
    public static string EventType => BluffEvents.QuestionShown;
}

/// <summary>phase.guess_started: the shuffled answers; each author's payload leaves out their own lie.</summary>
public sealed record GuessStarted(int Round, IReadOnlyList<AnswerChoice> Answers, DateTimeOffset Deadline, long RemainingMs, long TimeLimitMs)
    : IEventData
{
    public static string EventType => BluffEvents.GuessStarted;
}

/// <summary>reaction.updated: the reaction counts on one answer changed (who reacted never leaves the server).</summary>
/// <param name="Counts">Emoji → count, for every emoji.</param>
public sealed record ReactionUpdated(string AnswerId, IReadOnlyDictionary<string, int> Counts) : IEventData
{
    public static string EventType => BluffEvents.ReactionUpdated;
}

/// <summary>phase.scores_calculated: the guess phase ended and the round is scored; the reveal starts.</summary>
/// <param name="Deltas">Each seated player's points this round.</param>
/// <param name="Steps">How many <c>reveal.step</c> events the reveal has.</param>
public sealed record ScoresCalculated(int Round, int Multiplier, IReadOnlyList<ScoreDelta> Deltas, int Steps) : IEventData
{
    public static string EventType => BluffEvents.ScoresCalculated;

    /// <summary>Audience members who picked an answer this round (their vote closed with the guess phase).</summary>
    public int AudienceVoters { get; init; }
}

/// <summary>phase.scoreboard: the reveal is over; ranked players with their rank before the round.</summary>
/// <param name="FinalRound">True after the last round: the game finishes next.</param>
public sealed record ScoreboardShown(int Round, int Rounds, bool FinalRound, IReadOnlyList<RankedPlayer> Players) : IEventData
{
    public static string EventType => BluffEvents.Scoreboard;
}

/// <summary>
/// lie.hidden: the host hid a lie from the screens (moderation). The answer keeps its id; <paramref name="Text"/> is the
/// house lie shown in its place. Its authors receive <paramref name="Yours"/> = true (their points still count).
/// </summary>
public sealed record LieHidden(string AnswerId, string Text, bool Yours) : IEventData
{
    public static string EventType => BluffEvents.LieHidden;
}
