namespace PartyProtocol.Core.Cartridges.Bluff;

/// <summary>Bluff's event types. The six <c>phase.*</c> names are the seed's public contract.</summary>
public static class BluffEvents
{
    /// <summary>start_round: a round begins; the lie phase's deadline starts.</summary>
    public const string LieStarted = "phase.lie_started";

    /// <summary>show_question: the round's question (emitted right after <see cref="LieStarted"/>).</summary>
    public const string QuestionShown = "phase.question_shown";

    /// <summary>A player submitted a lie or a guess (who, never what).</summary>
    public const string SubmissionReceived = "submission.received";

    /// <summary>mix_answers: the shuffled answers (each author's payload leaves out their own lie).</summary>
    public const string GuessStarted = "phase.guess_started";

    /// <summary>Reaction counts on one answer changed.</summary>
    public const string ReactionUpdated = "reaction.updated";

    /// <summary>calculate_scores: every player's score change this round.</summary>
    public const string ScoresCalculated = "phase.scores_calculated";

    /// <summary>One step of the incremental reveal.</summary>
    public const string RevealStep = "reveal.step";

    /// <summary>reveal_scoreboard: ranked players with rank changes.</summary>
    public const string Scoreboard = "phase.scoreboard";

    /// <summary>finish_game: final rankings and awards.</summary>
    public const string GameOver = "phase.game_over";
}
