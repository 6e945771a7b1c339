using System.Globalization;
using System.Collections.Immutable;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Play;

namespace PartyProtocol.Core.Cartridges.Quiz;

/// <summary>Payload of <c>answer</c>: the display index of the tapped choice.</summary>
public sealed record QuizAnswerMove(int Choice);

/// <summary>Reply of <c>answer</c>: the answer is locked in (whether it is right stays secret until the results).</summary>
public sealed record AnswerLocked(bool Accepted, int Choice);

/// <summary>
/// Quiz: Kahoot's core loop for the living room. The big screen shows a question with 2–4 coloured choices; phones
/// show the coloured buttons; the first tap locks the answer. A correct answer scores
/// <c>round(1000 × (1 − (elapsed / limit) / 2))</c> plus a streak bonus; the question closes at its deadline or when
/// every connected player has answered. Results after each question, a leaderboard every few, a podium at the end.
/// </summary>
public sealed class QuizCartridge : QuestionCartridge<QuizSettings, QuizState, QuizQuestion>
{
    public const string GameKey = "quiz";

    private readonly ErrorDefinition _unknownChoice;

    public QuizCartridge(QuestionLibrary<QuizQuestion> questions) : base(questions)
    {
        _unknownChoice = Error(QuizErrors.UnknownChoice, ErrorKind.Invalid, "The answer names a choice this question does not have.");

        Event<QuestionStarted>("A question opens: its text, choices and deadline (never which choice is correct).");
        Event<SubmissionReceived>("A player locked in an answer (who, never which).");
        Event<QuestionResults>("The question closed: the correct choice, the counts and every player's points.");
        Event<LeaderboardShown>("The leaderboard, with rank changes since the previous one.");
        Event<FinalResult>("The game is finished: final rankings and awards.");

        Move<QuizAnswerMove>("answer", MoveActor.Player, "answers", "Locks in the player's answer: the display index of a choice (0–3).",
            Answer, wrongPhase: "Answers are given while a question is open.");
        AudienceMove<QuizAnswerMove>("audience_answer", "audience/answers",
            "The audience answers the open question as one team (once per member per question); its average score joins the leaderboard.",
            AudienceAnswer, wrongPhase: "The audience answers while a question is open.");
        Move("next", MoveActor.Owner, "next", "Moves on from the results or the leaderboard without waiting for their timer.",
            (ctx, _) => AfterPause(ctx), wrongPhase: "The host moves on from the results or the leaderboard; a question runs until everyone has answered or time is up.");

        Phase(QuizPhases.Question, "Everyone answers against the clock; the first tap locks the answer.")
            .Lasts(ctx => TimeSpan.FromMilliseconds(ctx.State.Round.LimitMs))
            .Allows("answer", "audience_answer")
            .AudienceVote(state => $"question-{state.Number}")
            .WaitsForEveryone((ctx, playerId) => ctx.State.Answers.ContainsKey(playerId), "answer")
            .Next(ShowResults);
        Phase(QuizPhases.Results, "The correct choice, how many picked each, and everyone's points.")
            .Lasts(ctx => ctx.Settings.Scaled(QuizSettings.ResultsSeconds))
            .Allows("next")
            .Next(AfterPause);
        Phase(QuizPhases.Leaderboard, "The ranking with rank changes, every few questions.")
            .Lasts(ctx => ctx.Settings.Scaled(QuizSettings.LeaderboardSeconds))
            .Allows("next")
            .Next(AfterPause);
        Phase(QuizPhases.GameOver, "The podium and the awards.")
            .Final();
    }

    public override string Key => GameKey;

    public override string Name => "Quiz";

    public override string Description => "Pick the right answer before anyone else: faster answers and streaks score more.";

    public override int MinPlayers => 1;

    public override int MaxPlayers => 100;

    public override IReadOnlyList<SettingDefinition> Settings => Definitions;

    /// <summary>Quiz's settings. Which questions it plays is chosen as packs, beside the settings.</summary>
    public static IReadOnlyList<SettingDefinition> Definitions { get; } =
    [
        SettingDefinition.Integer("questions", 10, 5, 30, "Questions in the game."),
        SettingDefinition.Integer("secondsPerQuestion", 20, 5, 120, "Seconds to answer each question."),
        SettingDefinition.Choice("leaderboard", QuizLeaderboard.Every3, QuizLeaderboard.Options, "When the leaderboard shows between questions."),
        SettingDefinition.Boolean("doublePointsLastQuestion", true, "The last question scores double."),
        SettingDefinition.Number("timerScale", 1, "Stretches every timer (extended timers for accessibility and streams).", allowed: [1, 1.5, 2]),
        SettingDefinition.Integer("maxPlayers", 20, 2, 100, "Seats in the room."),
        SettingDefinition.Boolean("familyFriendly", true, "Only questions suitable for all ages."),
        PackLanguage.Setting,
    ];

    protected override int SeatsFor(QuizSettings settings) => settings.MaxPlayers;

    protected override IEnumerable<(string Field, FieldError Error)> Validate(QuizSettings settings)
    {
        var pool = Pool(settings, settings.FamilyFriendly).Count;
        if (settings.Questions > pool)
        {
            yield return (pool == 0 ? "packs" : "questions", pool == 0
                ? new FieldError("quiz_no_questions", "There are no questions in these packs with these settings; choose other packs.")
                : new FieldError("quiz_too_few_questions",
                    $"Only {pool} questions are available in these packs with these settings; choose at most {pool} questions or more packs.", pool));
        }
    }

    protected override QuestionDeck<QuizQuestion> Deck(QuizSettings settings) => settings.Deck;

    protected override string Language(QuizSettings settings) => settings.Language;

    protected override QuizSettings WithDeck(QuizSettings settings, QuestionDeck<QuizQuestion> deck) => settings with { Deck = deck };

    protected override IEnumerable<string> Played(QuizState state) => state.QuestionIds.Take(state.Number);

    protected override string CurrentPhase(QuizState state) => state.Phase;

    protected override object View(GameContext<QuizSettings, QuizState> context, Viewer viewer) => QuizViews.Build(context, viewer);

    protected override Step<QuizState> Setup(GameContext<QuizSettings, QuizState?> context)
    {
        var random = SeededRandom.For(context.Seed, 0, 41);
        // In a seeded order; what the room played in its earlier games comes last, after everything it has not.
        var ids = context.Settings.Deck.Draw(Pool(context.Settings, context.Settings.FamilyFriendly), context.Settings.Questions, random);
        if (ids.Count < context.Settings.Questions)
        {
            return GameError.WrongPhase($"Only {ids.Count} questions are available for this game; change its settings.");
        }

        var start = new QuizState
        {
            Phase = QuizPhases.Question,
            Number = 1,
            Total = ids.Count,
            QuestionIds = ids,
            Round = Round(context.Settings, ids, 1, context.Seed),
            Scores = context.Players.ToImmutableDictionary(p => p.Id, _ => 0),
            RanksBefore = context.Players.ToImmutableDictionary(p => p.Id, _ => 1),
        };
        return Open(start, context.Now);
    }

    private QuizRound Round(QuizSettings settings, ImmutableList<string> ids, int number, int seed)
    {
        var question = settings.Deck.Find(Library, ids[number - 1])!;
        // Shown in a seeded order, so the correct choice is not always the pack's first (or the same colour).
        var order = SeededRandom.Shuffle(Enumerable.Range(0, question.Choices.Count), SeededRandom.For(seed, number, 43));
        var limit = settings.Scaled(question.TimeLimitSeconds ?? settings.SecondsPerQuestion);
        return new QuizRound(question.Id, question.Text, question.Category, [.. order.Select(i => question.Choices[i])],
            order.IndexOf(question.Correct), (long)limit.TotalMilliseconds, settings.IsDouble(number));
    }

    private static Step<QuizState> Open(QuizState state, DateTimeOffset now)
    {
        var limit = TimeSpan.FromMilliseconds(state.Round.LimitMs);
        return Step<QuizState>.To(state)
            .Emit(new QuestionStarted(state.Number, state.Total, state.Round.Text, state.Round.Category, QuizViews.Choices(state.Round),
                state.Round.DoublePoints, now + limit, state.Round.LimitMs, state.Round.LimitMs));
    }

    // ---- answer ----

    private Step<QuizState> Answer(GameContext<QuizSettings, QuizState> ctx, Actor actor, QuizAnswerMove move)
    {
        var playerId = actor.PlayerId!;
        if (ctx.State.Answers.ContainsKey(playerId))
        {
            return new GameError(ErrorCodes.AlreadySubmitted, "Your answer is already locked in.", ErrorKind.Conflict);
        }

        var choices = ctx.State.Round.Choices.Count;
        if (move.Choice < 0 || move.Choice >= choices)
        {
            return UnknownChoice(choices);
        }

        // Paused time never counts: the platform's clock stood still while paused.
        var left = (long)(ctx.Remaining ?? TimeSpan.Zero).TotalMilliseconds;
        var elapsed = Math.Clamp(ctx.State.Round.LimitMs - left, 0, ctx.State.Round.LimitMs);
        var state = ctx.State with { Answers = ctx.State.Answers.Add(playerId, new QuizAnswer(move.Choice, elapsed)) };
        return Step<QuizState>.To(state)
            .Emit(SubmissionReceived.For(QuizPhases.Question, playerId, ctx.Players, state.Answers.Keys))
            .WithReply(new AnswerLocked(true, move.Choice));
    }

    private Result<string> AudienceAnswer(GameContext<QuizSettings, QuizState> ctx, QuizAnswerMove move)
    {
        var choices = ctx.State.Round.Choices.Count;
        return move.Choice >= 0 && move.Choice < choices
            ? move.Choice.ToString(CultureInfo.InvariantCulture)
            : UnknownChoice(choices);
    }

    private GameError UnknownChoice(int choices) => _unknownChoice.Refuse(
        new FieldError("unknown_choice", $"This question has {choices} choices: pick one of 0–{choices - 1}.", choices, choices - 1), "choice");

    // ---- results, leaderboard, next question ----

    private static Step<QuizState> ShowResults(GameContext<QuizSettings, QuizState> ctx)
    {
        var (outcomes, scored) = QuizScoring.Close(ctx.State, ctx.Players);
        var audience = QuizScoring.Audience(scored, ctx.Audience);
        var state = scored with
        {
            Phase = QuizPhases.Results,
            AudienceResult = audience,
            AudienceScore = audience?.Score ?? scored.AudienceScore,
            AudienceAnswered = scored.AudienceAnswered || audience is not null,
        };
        return Step<QuizState>.To(state)
            .Emit(new QuestionResults(state.Number, state.Total, state.Round.Correct, QuizViews.Counts(state), outcomes) { Audience = audience });
    }

    /// <summary>After the results: the leaderboard when it is due, else the next question, else the podium.</summary>
    private Step<QuizState> AfterPause(GameContext<QuizSettings, QuizState> ctx)
    {
        var state = ctx.State;
        if (state.Phase == QuizPhases.Results && ctx.Settings.LeaderboardAfter(state.Number))
        {
            var leaderboard = state with { Phase = QuizPhases.Leaderboard };
            return Step<QuizState>.To(leaderboard)
                .Emit(new LeaderboardShown(state.Number, state.Total, Ranking.Rank(state.Scores, ctx.Players, state.RanksBefore))
                {
                    AudienceScore = state.AudienceAnswered ? state.AudienceScore : null,
                });
        }

        if (state.Number >= state.Total)
        {
            var final = new FinalResult(Ranking.Rank(state.Scores, ctx.Players, null), QuizScoring.Awards(state, ctx.Players));
            return Step<QuizState>.To(state with { Phase = QuizPhases.GameOver, Final = final }).Emit(final).EndGame();
        }

        var number = state.Number + 1;
        var next = state with
        {
            Phase = QuizPhases.Question,
            Number = number,
            Round = Round(ctx.Settings, state.QuestionIds, number, ctx.Seed),
            Answers = ImmutableDictionary<string, QuizAnswer>.Empty,
            AudienceResult = null,
            RanksBefore = state.Phase == QuizPhases.Leaderboard ? Ranking.Ranks(state.Scores, ctx.Players) : state.RanksBefore,
        };
        return Open(next, ctx.Now);
    }
}

/// <summary>Quiz's own error codes (the platform's are in <see cref="ErrorCodes"/>).</summary>
public static class QuizErrors
{
    public const string UnknownChoice = "unknown_choice";
}
