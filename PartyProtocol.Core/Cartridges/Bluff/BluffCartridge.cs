using System.Collections.Immutable;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Moderation;
using PartyProtocol.Core.Play;
using PartyProtocol.Core.Text;

namespace PartyProtocol.Core.Cartridges.Bluff;

/// <summary>Payload of <c>submit_lie</c>.</summary>
public sealed record SubmitLie(string Text);

/// <summary>Payload of <c>submit_guess</c>.</summary>
public sealed record SubmitGuess(string AnswerId);

/// <summary>Payload of <c>react</c>.</summary>
public sealed record React(string AnswerId, string Emoji);

/// <summary>Payload of <c>hide_lie</c> (host moderation).</summary>
public sealed record HideLie(string AnswerId);

/// <summary>Reply of <c>suggest_lies</c>: two house lies the player may submit (for half points).</summary>
public sealed record LieSuggestions(IReadOnlyList<string> Suggestions);

/// <summary>Reply of <c>submit_lie</c>.</summary>
/// <param name="LieForMe">The lie is one of the player's suggestions, so it earns half points.</param>
public sealed record LieAccepted(bool Accepted, bool LieForMe);

/// <summary>Reply of <c>submit_guess</c>.</summary>
public sealed record GuessAccepted(bool Accepted);

/// <summary>
/// Bluff: everyone writes a believable lie for an obscure fact, then picks the truth among the shuffled lies.
/// Points for finding the truth (1000 × round multiplier) and for every player one's lie fools (500 × multiplier,
/// half for a "lie for me" lie).
/// </summary>
public sealed class BluffCartridge : QuestionCartridge<BluffSettings, BluffState, BluffQuestion>
{
    public const string GameKey = "bluff";
    public const int MaxLieLength = BluffQuestion.MaxAnswerLength;
    public static readonly IReadOnlyList<string> Emojis = ["😂", "😮", "🤔", "👍", "❤️"];

    /// <summary>
    /// What a lie may be (<see cref="TypedText"/>): 1–60 characters and at most 240 UTF-16 code units, no control,
    /// bidi or invisible characters.
    /// </summary>
    public static TextRules LieRules { get; } = new(
        MaxLieLength,
        MaxLieLength * 4,
        Empty: new FieldError("lie_length", $"A lie is 1–{MaxLieLength} characters.", MaxLieLength),
        TooLong: new FieldError("lie_length", $"A lie is 1–{MaxLieLength} characters.", MaxLieLength),
        Forbidden: new FieldError("lie_forbidden_characters", "A lie cannot contain control or invisible formatting characters."),
        NothingVisible: new FieldError("lie_no_letters", "A lie needs at least one letter or digit."),
        LineBreaksAreSpaces: true);

    private readonly ErrorDefinition _lieIsTruth;
    private readonly ErrorDefinition _ownLie;
    private readonly ErrorDefinition _unknownAnswer;
    private readonly ErrorDefinition _alreadyReacted;
    private readonly ErrorDefinition _cannotHide;
    private readonly ProfanityFilter _profanity;

    /// <param name="profanity">Family-friendly mode's word list for lies (the shipped list by default).</param>
    public BluffCartridge(QuestionLibrary<BluffQuestion> questions, ProfanityFilter? profanity = null) : base(questions)
    {
        _profanity = profanity ?? ProfanityFilter.Default;

        _lieIsTruth = Error(BluffErrors.LieIsTruth, ErrorKind.Invalid, "The lie is the real answer (or one of its accepted spellings).");
        _ownLie = Error(BluffErrors.OwnLie, ErrorKind.Invalid, "A player picked or reacted to their own lie.");
        _unknownAnswer = Error(BluffErrors.UnknownAnswer, ErrorKind.Invalid, "No answer of this round has that id.");
        _alreadyReacted = Error(BluffErrors.AlreadyReacted, ErrorKind.Conflict, "The player already reacted with that emoji to that answer.");
        _cannotHide = Error(BluffErrors.CannotHide, ErrorKind.Invalid, "The host tried to hide the real answer: only lies can be hidden.");

        Event<LieStarted>("A round begins: the lie phase and its deadline start.");
        Event<QuestionShown>("The round's question, for the big screen.");
        Event<SubmissionReceived>("A player submitted their lie or their guess (who, never what).");
        Event<GuessStarted>("The answers are mixed: the guess phase and its deadline start.");
        Event<ReactionUpdated>("The reaction counts on one answer changed.");
        Event<ScoresCalculated>("The guess phase ended; the round is scored and the reveal starts.");
        Event<RevealStep>("One answer of the reveal.");
        Event<ScoreboardShown>("The reveal is over: the ranked scoreboard.");
        Event<FinalResult>("The game is finished: final rankings and awards.");
        Event<LieHidden>("The host hid a lie from the screens: a house lie stands in for it, its author keeps the points.");

        Move("start_round", MoveActor.Owner, "rounds", "Starts the next round from the scoreboard.", (ctx, _) => OwnerStartRound(ctx),
            wrongPhase: "A new round starts from the scoreboard.");
        Move("show_question", MoveActor.Owner, "question", "Shows the round's question on every screen again.", (ctx, _) => ShowQuestion(ctx),
            wrongPhase: "The question is shown at the start of the lie phase.");
        Move<SubmitLie>("submit_lie", MoveActor.Player, "lies", "Submits the player's lie (1–60 characters).", SubmitLie,
            wrongPhase: "Lies are written in the lie phase.");
        Move("suggest_lies", MoveActor.Player, "lies/suggestions", "Lie for me: offers two house lies; submitting one earns half points.", Suggest,
            wrongPhase: "Suggestions are offered in the lie phase.");
        Move<SubmitGuess>("submit_guess", MoveActor.Player, "guesses", "Picks the answer the player believes is true.", SubmitGuess,
            wrongPhase: "Answers are picked in the guess phase.");
        Move<React>("react", MoveActor.Player, "reactions", "Reacts to an answer with 😂 😮 🤔 👍 or ❤️ (once per emoji per answer).", React,
            wrongPhase: "Reactions are open during the guess phase.");
        Move<HideLie>("hide_lie", MoveActor.Owner, "answers/hide",
            "Host moderation: replaces a lie on every screen by a house lie; its author keeps the points and is told.", HideLieOf,
            wrongPhase: "Lies are on the screens from the guess phase to the scoreboard.");
        AudienceMove<SubmitGuess>("audience_pick", "audience/picks",
            "The audience picks the answer it believes is true (once per member per round); lies it falls for earn their authors a bonus.",
            AudiencePick, wrongPhase: "The audience picks an answer in the guess phase.");
        Move("finish_game", MoveActor.Owner, "finish", "Ends the game after the last round's scoreboard.", (ctx, _) => OwnerFinish(ctx),
            wrongPhase: "The game finishes from the last scoreboard.");

        Phase(BluffPhases.Lie, "Everyone writes a lie that fits the blank.")
            .Lasts(ctx => LieDuration(ctx.Settings))
            .Allows("submit_lie", "suggest_lies", "show_question")
            .WaitsForEveryone((ctx, playerId) => ctx.State.Lies.ContainsKey(playerId), "write a lie")
            .EndMove("mix_answers", "answers/mix", "Ends the lie phase once every connected player has lied.")
            .Next(MixAnswers);
        Phase(BluffPhases.Guess, "Everyone picks the answer they believe is true, and may react to answers.")
            .Lasts(ctx => GuessDuration(ctx.Settings))
            .Allows("submit_guess", "react", "hide_lie", "audience_pick")
            .AudienceVote(state => $"guess-{state.Round}")
            .WaitsForEveryone((ctx, playerId) => ctx.State.Guesses.ContainsKey(playerId), "pick an answer")
            .EndMove("calculate_scores", "scores", "Ends the guess phase once every connected player has guessed.")
            .Next(CalculateScores);
        Phase(BluffPhases.Reveal, "The picked answers are revealed one at a time, lies first and the truth last.")
            .Lasts(ctx => RevealStepDuration(ctx.Settings))
            .Allows("hide_lie")
            .CompleteWhen(ctx => ctx.State.Revealed >= ctx.State.Reveal.Count,
                ctx => $"The reveal is still running ({ctx.State.Revealed} of {ctx.State.Reveal.Count} shown).")
            .EndMove("reveal_scoreboard", "scoreboard", "Shows the scoreboard once every reveal step has been shown.")
            .OnDeadline(ctx => ctx.State.Revealed < ctx.State.Reveal.Count ? NextRevealStep(ctx) : RevealScoreboard(ctx))
            .Next(RevealScoreboard);
        Phase(BluffPhases.Scoreboard, "Scores and rank changes between rounds.")
            .Lasts(ctx => ctx.Settings.Scaled(ctx.Settings.ScoreboardSeconds))
            .Allows("start_round", "finish_game", "hide_lie")
            .Next(ctx => ctx.State.Round < ctx.State.TotalRounds ? StartRound(ctx.Settings, ctx.State, ctx.Players, ctx.Now, ctx.Seed) : FinishGame(ctx));
        Phase(BluffPhases.GameOver, "Final rankings and awards.")
            .Final();
    }

    public override string Key => GameKey;

    public override string Name => "Bluff";

    public override string Description => "Write a lie good enough to fool your friends, then spot the truth among theirs.";

    public override int MinPlayers => 2;

    public override int MaxPlayers => 12;

    public override IReadOnlyList<SettingDefinition> Settings => BluffSettings.Definitions;

    private static TimeSpan LieDuration(BluffSettings settings) => settings.Scaled(settings.LieSeconds);

    private static TimeSpan GuessDuration(BluffSettings settings) => settings.Scaled(settings.GuessSeconds);

    private static TimeSpan RevealStepDuration(BluffSettings settings) => settings.Scaled(settings.RevealStepSeconds);

    protected override int SeatsFor(BluffSettings settings) => settings.MaxPlayers;

    protected override IEnumerable<(string Field, FieldError Error)> Validate(BluffSettings settings)
    {
        var pool = Pool(settings, settings.FamilyFriendly).Count;
        if (pool == 0)
        {
            yield return ("packs", settings.FamilyFriendly
                ? new FieldError("packs_no_family_friendly_questions",
                    "The chosen packs have no family-friendly questions; choose other packs or allow every question.")
                : new FieldError("packs_no_questions", "The chosen packs have no questions; choose other packs."));
        }
        else if (settings.Rounds > pool)
        {
            yield return ("rounds", new FieldError("bluff_too_few_questions",
                $"Only {pool} questions are available with these settings; choose at most {pool} rounds.", pool));
        }
    }

    protected override QuestionDeck<BluffQuestion> Deck(BluffSettings settings) => settings.Deck;

    protected override string Language(BluffSettings settings) => settings.Language;

    protected override BluffSettings WithDeck(BluffSettings settings, QuestionDeck<BluffQuestion> deck) => settings with { Deck = deck };

    protected override IEnumerable<string> Played(BluffState state) => state.UsedQuestionIds;

    protected override string CurrentPhase(BluffState state) => state.Phase;

    protected override object View(GameContext<BluffSettings, BluffState> context, Viewer viewer) => BluffViews.Build(context, viewer);

    protected override Step<BluffState> Setup(GameContext<BluffSettings, BluffState?> context) =>
        StartRound(context.Settings, context.State, context.Players, context.Now, context.Seed);

    // ---- start_round / show_question ----

    private Step<BluffState> OwnerStartRound(GameContext<BluffSettings, BluffState> ctx) =>
        ctx.State.Round >= ctx.State.TotalRounds
            ? GameError.WrongPhase("That was the last round: finish the game instead.")
            : StartRound(ctx.Settings, ctx.State, ctx.Players, ctx.Now, ctx.Seed);

    private Step<BluffState> StartRound(BluffSettings settings, BluffState? previous, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, int seed)
    {
        var round = (previous?.Round ?? 0) + 1;
        var used = previous?.UsedQuestionIds ?? [];
        // Never twice in one game; and what the room played in its earlier games only once nothing else is left.
        var candidates = settings.Deck.Fresh(Pool(settings, settings.FamilyFriendly).Where(q => !used.Contains(q.Id)));
        if (candidates.Count == 0)
        {
            return GameError.WrongPhase("The question packs have no unused question left for this game.");
        }

        var question = candidates[SeededRandom.For(seed, round, 17).Next(candidates.Count)];
        var duration = LieDuration(settings);
        var state = new BluffState
        {
            Phase = BluffPhases.Lie,
            Round = round,
            TotalRounds = settings.Rounds,
            Question = new RoundQuestion(question.Id, question.Category, question.Text, question.Truth,
                [.. question.Alternates], [.. question.Decoys]),
            UsedQuestionIds = used.Add(question.Id),
            Scores = previous?.Scores ?? players.ToImmutableDictionary(p => p.Id, _ => 0),
            Stats = previous?.Stats ?? ImmutableDictionary<string, BluffStats>.Empty,
        };
        var multiplier = settings.MultiplierFor(round);
        return Step<BluffState>.To(state)
            .Emit(new LieStarted(round, settings.Rounds, multiplier, EventTexts.Get("Bluff_LiePrompt", settings.Language),
                new QuestionSummary(question.Text, question.Category), now + duration,
                (long)duration.TotalMilliseconds, (long)duration.TotalMilliseconds))
            .Emit(QuestionShown(state, multiplier));
    }

    private static QuestionShown QuestionShown(BluffState state, int multiplier) =>
        new(state.Round, state.TotalRounds, multiplier, state.Question.Text, state.Question.Category);

    private static Step<BluffState> ShowQuestion(GameContext<BluffSettings, BluffState> ctx) =>
        Step<BluffState>.To(ctx.State).Emit(QuestionShown(ctx.State, ctx.Settings.MultiplierFor(ctx.State.Round)));

    // ---- submit_lie / suggest_lies ----

    private Step<BluffState> SubmitLie(GameContext<BluffSettings, BluffState> ctx, Actor actor, SubmitLie lie)
    {
        var playerId = actor.PlayerId!;
        if (ctx.State.Lies.ContainsKey(playerId))
        {
            return AlreadyLied();
        }

        var (text, refused) = TypedText.Check(lie.Text, LieRules);
        if (text is null)
        {
            return GameError.Invalid("text", refused!);
        }

        var language = ctx.Settings.Language;
        var key = AnswerText.Key(text, language);
        if (key.Length == 0)
        {
            return GameError.Invalid("text", new FieldError("lie_no_letters", "A lie needs at least one letter or digit."));
        }

        if (IsTruth(ctx.State.Question, key, language))
        {
            return GameError.Fields(_lieIsTruth.Code,
                "That's actually the real answer! Write a lie instead — something believable but false.", _lieIsTruth.Kind,
                new Dictionary<string, FieldError[]> { ["text"] = [new FieldError("lie_is_truth", "That is the truth; write a lie instead.")] });
        }

        if (ctx.Settings.FamilyFriendly && _profanity.IsProfane(text))
        {
            return GameError.NotFamilyFriendly("text",
                new FieldError("lie_not_family_friendly", "This game is family-friendly: write a lie without rude words."));
        }

        var lieForMe = ctx.State.Suggestions.TryGetValue(playerId, out var offered) && offered.Any(s => AnswerText.Key(s, language) == key);
        var state = ctx.State with { Lies = ctx.State.Lies.Add(playerId, new BluffLie(text, key, lieForMe)) };
        return Step<BluffState>.To(state)
            .Emit(SubmissionReceived.For(BluffPhases.Lie, playerId, ctx.Players, state.Lies.Keys))
            .WithReply(new LieAccepted(true, lieForMe));
    }

    private static Step<BluffState> Suggest(GameContext<BluffSettings, BluffState> ctx, Actor actor)
    {
        var playerId = actor.PlayerId!;
        if (ctx.State.Lies.ContainsKey(playerId))
        {
            return AlreadyLied();
        }

        if (ctx.State.Suggestions.TryGetValue(playerId, out var existing))
        {
            return Step<BluffState>.None.WithReply(new LieSuggestions(existing));
        }

        var rng = SeededRandom.For(ctx.Seed, ctx.State.Round, SeededRandom.StableHash(playerId));
        var offered = ctx.State.Question.Decoys.OrderBy(_ => rng.Next()).Take(2).ToImmutableList();
        return Step<BluffState>.To(ctx.State with { Suggestions = ctx.State.Suggestions.SetItem(playerId, offered) })
            .WithReply(new LieSuggestions(offered));
    }

    private static GameError AlreadyLied() =>
        new(ErrorCodes.AlreadySubmitted, "You already submitted your lie for this round.", ErrorKind.Conflict);

    /// <summary>Whether an answer's key is the truth or one of its accepted spellings, by the room language's rules.</summary>
    private static bool IsTruth(RoundQuestion question, string key, string language) =>
        AnswerText.Key(question.Truth, language) == key || question.Alternates.Any(a => AnswerText.Key(a, language) == key);

    // ---- mix_answers ----

    private static Step<BluffState> MixAnswers(GameContext<BluffSettings, BluffState> ctx)
    {
        var state = ctx.State;
        var language = ctx.Settings.Language;
        var entries = new List<(string Text, string Key, AnswerKind Kind, ImmutableList<string> Authors)>
        {
            (state.Question.Truth, AnswerText.Key(state.Question.Truth, language), AnswerKind.Truth, []),
        };
        // A player who left takes their lie along: the answers stay players + 1, and no answer is credited to nobody.
        var seated = state.Lies.Where(l => ctx.Find(l.Key) is not null);
        // Ordered by what was written, never by the random player ids, so the same seed deals the same screen.
        foreach (var group in seated.OrderBy(l => l.Value.Key, StringComparer.Ordinal).ThenBy(l => l.Value.Text, StringComparer.Ordinal)
                     .GroupBy(l => l.Value.Key))
        {
            entries.Add((group.First().Value.Text, group.Key, AnswerKind.Lie, group.Select(l => l.Key).Order(StringComparer.Ordinal).ToImmutableList()));
        }

        var wanted = ctx.Players.Count + 1;
        foreach (var decoy in state.Question.Decoys)
        {
            if (entries.Count >= wanted)
            {
                break;
            }

            var key = AnswerText.Key(decoy, language);
            if (entries.All(e => e.Key != key) && !IsTruth(state.Question, key, language))
            {
                entries.Add((decoy, key, AnswerKind.House, []));
            }
        }

        var rng = SeededRandom.For(ctx.Seed, state.Round, 31);
        var shuffled = entries.OrderBy(_ => rng.Next()).ToList();
        var answers = shuffled.Select((e, i) => new BluffAnswer($"a{state.Round}-{i + 1}", e.Text, e.Kind, e.Authors)).ToImmutableList();
        var next = state with { Phase = BluffPhases.Guess, Answers = answers };
        var duration = GuessDuration(ctx.Settings);
        GuessStarted Payload(IEnumerable<BluffAnswer> visible) => new(state.Round, [.. visible.Select(a => new AnswerChoice(a.Id, a.Text))],
            ctx.Now + duration, (long)duration.TotalMilliseconds, (long)duration.TotalMilliseconds);
        var perPlayer = answers.SelectMany(a => a.Authors).Distinct()
            .ToDictionary(id => id, id => Payload(answers.Where(a => !a.Authors.Contains(id))));
        return Step<BluffState>.To(next).Emit(Payload(answers), perPlayer);
    }

    // ---- submit_guess / react ----

    private Step<BluffState> SubmitGuess(GameContext<BluffSettings, BluffState> ctx, Actor actor, SubmitGuess guess)
    {
        var playerId = actor.PlayerId!;
        if (ctx.State.Guesses.ContainsKey(playerId))
        {
            return new GameError(ErrorCodes.AlreadySubmitted, "You already picked an answer this round.", ErrorKind.Conflict);
        }

        var answer = ctx.State.Answers.FirstOrDefault(a => a.Id == guess.AnswerId);
        if (answer is null)
        {
            return UnknownAnswer();
        }

        if (answer.Authors.Contains(playerId))
        {
            return OwnLie(new FieldError("own_lie_pick", "You can't pick your own lie. Which one is the truth?"));
        }

        var state = ctx.State with { Guesses = ctx.State.Guesses.Add(playerId, answer.Id) };
        return Step<BluffState>.To(state)
            .Emit(SubmissionReceived.For(BluffPhases.Guess, playerId, ctx.Players, state.Guesses.Keys))
            .WithReply(new GuessAccepted(true));
    }

    private Result<string> AudiencePick(GameContext<BluffSettings, BluffState> ctx, SubmitGuess pick) =>
        ctx.State.Answers.Any(a => a.Id == pick.AnswerId) ? pick.AnswerId : UnknownAnswer();

    private Step<BluffState> React(GameContext<BluffSettings, BluffState> ctx, Actor actor, React reaction)
    {
        var playerId = actor.PlayerId!;
        // ❤ without its emoji selector, or 👍🏽 with a skin tone, is the same reaction as the one in the list.
        if (EmojiText.Match(reaction.Emoji, Emojis) is not { } emoji)
        {
            return GameError.Invalid("emoji", new FieldError("react_with", $"React with one of {string.Join(" ", Emojis)}.", string.Join(" ", Emojis)));
        }

        var answer = ctx.State.Answers.FirstOrDefault(a => a.Id == reaction.AnswerId);
        if (answer is null)
        {
            return UnknownAnswer();
        }

        if (answer.Authors.Contains(playerId))
        {
            return OwnLie(new FieldError("own_lie_react", "You can't react to your own lie."));
        }

        var byEmoji = ctx.State.Reactions.GetValueOrDefault(answer.Id) ?? ImmutableDictionary<string, ImmutableHashSet<string>>.Empty;
        var who = byEmoji.GetValueOrDefault(emoji) ?? [];
        if (who.Contains(playerId))
        {
            return _alreadyReacted.Refuse($"You already reacted {emoji} to that answer.");
        }

        byEmoji = byEmoji.SetItem(emoji, who.Add(playerId));
        var state = ctx.State with { Reactions = ctx.State.Reactions.SetItem(answer.Id, byEmoji) };
        return Step<BluffState>.To(state).Emit(new ReactionUpdated(answer.Id, BluffViews.ReactionCounts(state, answer.Id)));
    }

    // ---- calculate_scores / reveal / reveal_scoreboard ----

    private static Step<BluffState> CalculateScores(GameContext<BluffSettings, BluffState> ctx)
    {
        var multiplier = ctx.Settings.MultiplierFor(ctx.State.Round);
        var (steps, stats) = BluffScoring.PlanReveal(ctx.State, ctx.Players, multiplier, ctx.Audience);
        var finalScores = steps.Count > 0 ? steps[^1].Scores : ctx.State.Scores;
        var state = ctx.State with
        {
            Phase = BluffPhases.Reveal,
            Reveal = steps,
            Revealed = 1,
            RanksBefore = Ranking.Ranks(ctx.State.Scores, ctx.Players),
            Scores = finalScores,
            Stats = stats,
        };
        var deltas = ctx.Players
            .Select(p => new ScoreDelta(p.Id, p.Name, finalScores.GetValueOrDefault(p.Id) - ctx.State.Scores.GetValueOrDefault(p.Id)))
            .ToList();
        return Step<BluffState>.To(state)
            .Emit(new ScoresCalculated(state.Round, multiplier, deltas, steps.Count) { AudienceVoters = ctx.Audience?.Total ?? 0 })
            .Emit(steps[0]);
    }

    private static Step<BluffState> NextRevealStep(GameContext<BluffSettings, BluffState> ctx)
    {
        var step = ctx.State.Reveal[ctx.State.Revealed];
        // The phase stays the reveal, so its clock restarts here for the next step.
        return Step<BluffState>.To(ctx.State with { Revealed = ctx.State.Revealed + 1 })
            .Emit(step)
            .WithTimer(PhaseTimer.Start(RevealStepDuration(ctx.Settings)));
    }

    private static Step<BluffState> RevealScoreboard(GameContext<BluffSettings, BluffState> ctx)
    {
        var state = ctx.State with { Phase = BluffPhases.Scoreboard };
        return Step<BluffState>.To(state)
            .Emit(new ScoreboardShown(state.Round, state.TotalRounds, state.Round >= state.TotalRounds,
                Ranking.Rank(state.Scores, ctx.Players, state.RanksBefore)));
    }

    // ---- hide_lie (host moderation) ----

    private Step<BluffState> HideLieOf(GameContext<BluffSettings, BluffState> ctx, Actor actor, HideLie hide)
    {
        var answer = ctx.State.Answers.FirstOrDefault(a => a.Id == hide.AnswerId);
        if (answer is null)
        {
            return UnknownAnswer();
        }

        if (answer.Kind == AnswerKind.Truth)
        {
            return _cannotHide.Refuse(new FieldError("cannot_hide_truth", "The real answer can't be hidden; only lies can."), "answerId");
        }

        if (ctx.State.HiddenAnswers.Contains(answer.Id))
        {
            return Step<BluffState>.None;
        }

        // A house lie from the question stands in, so the screen still reads like a round; the answer keeps its id and
        // authors, so whoever picks it still scores for its author.
        var language = ctx.Settings.Language;
        var shown = ctx.State.Answers.Select(a => AnswerText.Key(a.Text, language)).ToHashSet(StringComparer.Ordinal);
        var replacement = ctx.State.Question.Decoys.FirstOrDefault(d => !shown.Contains(AnswerText.Key(d, language))
            && !IsTruth(ctx.State.Question, AnswerText.Key(d, language), language))
            ?? "(hidden by the host)";
        var state = ctx.State with
        {
            Answers = ctx.State.Answers.Replace(answer, answer with { Text = replacement }),
            Reveal = [.. ctx.State.Reveal.Select(s => s.AnswerId == answer.Id ? s with { Text = replacement } : s)],
            HiddenAnswers = ctx.State.HiddenAnswers.Add(answer.Id),
        };
        return Step<BluffState>.To(state).Emit(new LieHidden(answer.Id, replacement, Yours: false),
            answer.Authors.ToDictionary(id => id, _ => new LieHidden(answer.Id, replacement, Yours: true), StringComparer.Ordinal));
    }

    // ---- finish_game ----

    private static Step<BluffState> OwnerFinish(GameContext<BluffSettings, BluffState> ctx) =>
        ctx.State.Round < ctx.State.TotalRounds
            ? GameError.PhaseNotComplete($"Round {ctx.State.Round} of {ctx.State.TotalRounds}: there are rounds left to play.")
            : FinishGame(ctx);

    private static Step<BluffState> FinishGame(GameContext<BluffSettings, BluffState> ctx)
    {
        var final = new FinalResult(Ranking.Rank(ctx.State.Scores, ctx.Players, null), BluffScoring.Awards(ctx.State.Stats, ctx.Players));
        return Step<BluffState>.To(ctx.State with { Phase = BluffPhases.GameOver, Final = final })
            .Emit(final)
            .EndGame();
    }

    // ---- helpers ----

    private GameError UnknownAnswer() => GameError.Fields(_unknownAnswer.Code, "There is no such answer in this round.", _unknownAnswer.Kind,
        new Dictionary<string, FieldError[]> { ["answerId"] = [new FieldError("unknown_answer", "Unknown answer.")] });

    private GameError OwnLie(FieldError why) => _ownLie.Refuse(why, "answerId");
}

/// <summary>Bluff's own error codes (the platform's are in <see cref="ErrorCodes"/>).</summary>
public static class BluffErrors
{
    public const string LieIsTruth = "lie_is_truth";
    public const string OwnLie = "own_lie";
    public const string UnknownAnswer = "unknown_answer";
    public const string AlreadyReacted = "already_reacted";
    public const string CannotHide = "cannot_hide";
}
