using System.Collections.Immutable;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Cartridges.Bluff;

/// <summary>Payload of <c>submit_lie</c>.</summary>
public sealed record SubmitLie(string Text);

/// <summary>Payload of <c>submit_guess</c>.</summary>
public sealed record SubmitGuess(string AnswerId);

/// <summary>Payload of <c>react</c>.</summary>
public sealed record React(string AnswerId, string Emoji);

/// <summary>Reply of <c>suggest_lies</c>: two house lies the player may submit (for half points).</summary>
public sealed record LieSuggestions(IReadOnlyList<string> Suggestions);

/// <summary>
/// Bluff: everyone writes a believable lie for an obscure fact, then picks the truth among the shuffled lies.
/// Points for finding the truth (1000 × round multiplier) and for every player one's lie fools (500 × multiplier,
/// half for a "lie for me" lie).
/// </summary>
public sealed class BluffCartridge : Cartridge<BluffSettings, BluffState>
{
    public const string GameKey = "bluff";
    public const int MaxLieLength = 60;
    public static readonly IReadOnlyList<string> Emojis = ["😂", "😮", "🤔", "👍", "❤️"];

    private readonly QuestionBank _questions;

    public BluffCartridge(QuestionBank questions)
    {
        _questions = questions;
        Move("start_round", MoveActor.Owner, "rounds", "Starts the next round from the scoreboard.", (ctx, _) => OwnerStartRound(ctx));
        Move("show_question", MoveActor.Owner, "question", "Shows the round's question on every screen again.", (ctx, _) => ShowQuestion(ctx));
        Move<SubmitLie>("submit_lie", MoveActor.Player, "lies", "Submits the player's lie (1–60 characters).", SubmitLie);
        Move("suggest_lies", MoveActor.Player, "lies/suggestions", "Lie for me: offers two house lies; submitting one earns half points.", Suggest);
        Move("mix_answers", MoveActor.Owner, "answers/mix", "Ends the lie phase once every connected player has lied.", (ctx, _) => OwnerMix(ctx));
        Move<SubmitGuess>("submit_guess", MoveActor.Player, "guesses", "Picks the answer the player believes is true.", SubmitGuess);
        Move<React>("react", MoveActor.Player, "reactions", "Reacts to an answer with 😂 😮 🤔 👍 or ❤️ (once per emoji per answer).", React);
        Move("calculate_scores", MoveActor.Owner, "scores", "Ends the guess phase once every connected player has guessed.", (ctx, _) => OwnerCalculate(ctx));
        Move("reveal_scoreboard", MoveActor.Owner, "scoreboard", "Shows the scoreboard once every reveal step has been shown.", (ctx, _) => OwnerScoreboard(ctx));
        Move("finish_game", MoveActor.Owner, "finish", "Ends the game after the last round's scoreboard.", (ctx, _) => OwnerFinish(ctx));
    }

    public override string Key => GameKey;

    public override string Name => "Bluff";

    public override string Description => "Write a lie good enough to fool your friends, then spot the truth among theirs.";

    public override int MinPlayers => 2;

    public override int MaxPlayers => 12;

    public override IReadOnlyList<SettingDefinition> Settings => BluffSettings.Definitions;

    public override IReadOnlyList<PhaseDefinition> Phases { get; } =
    [
        new(BluffPhases.Lie, "Everyone writes a lie that fits the blank.", Timed: true),
        new(BluffPhases.Guess, "Everyone picks the answer they believe is true, and may react to answers.", Timed: true),
        new(BluffPhases.Reveal, "The picked answers are revealed one at a time, lies first and the truth last.", Timed: true),
        new(BluffPhases.Scoreboard, "Scores and rank changes between rounds.", Timed: true),
        new(BluffPhases.GameOver, "Final rankings and awards.", Timed: false),
    ];

    protected override int SeatsFor(BluffSettings settings) => settings.MaxPlayers;

    protected override IEnumerable<(string Field, string Message)> Validate(BluffSettings settings)
    {
        var pool = _questions.Questions.Count(q => q.FamilyFriendly || !settings.FamilyFriendly);
        if (settings.Rounds > pool)
        {
            yield return ("rounds", $"Only {pool} questions are available with these settings; choose at most {pool} rounds.");
        }
    }

    protected override string Phase(BluffState state) => state.Phase;

    protected override object View(GameContext<BluffSettings, BluffState> context, Viewer viewer) => BluffViews.Build(context, viewer);

    protected override Step<BluffState> Setup(GameContext<BluffSettings, BluffState?> context) =>
        StartRound(context.Settings, context.State, context.Players, context.Now, context.Seed);

    protected override Step<BluffState> OnTimeout(GameContext<BluffSettings, BluffState> context) => context.State.Phase switch
    {
        BluffPhases.Lie => MixAnswers(context),
        BluffPhases.Guess => CalculateScores(context),
        BluffPhases.Reveal when context.State.Revealed < context.State.Reveal.Count => NextRevealStep(context),
        BluffPhases.Reveal => RevealScoreboard(context),
        BluffPhases.Scoreboard when context.State.Round < context.State.TotalRounds =>
            StartRound(context.Settings, context.State, context.Players, context.Now, context.Seed),
        BluffPhases.Scoreboard => FinishGame(context),
        _ => Step<BluffState>.None,
    };

    protected override Step<BluffState> OnPlayersChanged(GameContext<BluffSettings, BluffState> context) => context.State.Phase switch
    {
        BluffPhases.Lie when AllSubmitted(context, context.State.Lies.ContainsKey) => MixAnswers(context),
        BluffPhases.Guess when AllSubmitted(context, context.State.Guesses.ContainsKey) => CalculateScores(context),
        _ => Step<BluffState>.None,
    };

    /// <summary>A phase that waits on players is complete when every connected player has acted (and someone is connected).</summary>
    public static bool AllSubmitted(GameContext<BluffSettings, BluffState> ctx, Func<string, bool> submitted)
    {
        var connected = ctx.ConnectedPlayers.ToList();
        return connected.Count > 0 && connected.All(p => submitted(p.Id));
    }

    // ---- start_round / show_question ----

    private Step<BluffState> OwnerStartRound(GameContext<BluffSettings, BluffState> ctx)
    {
        if (ctx.State.Phase != BluffPhases.Scoreboard)
        {
            return GameError.WrongPhase("A new round starts from the scoreboard.");
        }

        return ctx.State.Round >= ctx.State.TotalRounds
            ? GameError.WrongPhase("That was the last round: finish the game instead.")
            : StartRound(ctx.Settings, ctx.State, ctx.Players, ctx.Now, ctx.Seed);
    }

    private Step<BluffState> StartRound(BluffSettings settings, BluffState? previous, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, int seed)
    {
        var round = (previous?.Round ?? 0) + 1;
        var used = previous?.UsedQuestionIds ?? [];
        var candidates = _questions.Questions
            .Where(q => (q.FamilyFriendly || !settings.FamilyFriendly) && !used.Contains(q.Id))
            .ToList();
        if (candidates.Count == 0)
        {
            return GameError.WrongPhase("The question packs have no unused question left for this game.");
        }

        var question = candidates[Rng(seed, round, 17).Next(candidates.Count)];
        var duration = settings.Scaled(settings.LieSeconds);
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
            .Emit(BluffEvents.LieStarted, new
            {
                round,
                rounds = settings.Rounds,
                multiplier,
                prompt = "Write a lie that fits the blank — good enough to fool everyone.",
                question = new { text = question.Text, category = question.Category },
                deadline = now + duration,
                remainingMs = (long)duration.TotalMilliseconds,
                timeLimitMs = (long)duration.TotalMilliseconds,
            })
            .Emit(BluffEvents.QuestionShown, QuestionShown(state, multiplier))
            .WithTimer(PhaseTimer.Start(duration));
    }

    private static object QuestionShown(BluffState state, int multiplier) => new
    {
        round = state.Round,
        rounds = state.TotalRounds,
        multiplier,
        text = state.Question.Text,
        category = state.Question.Category,
    };

    private static Step<BluffState> ShowQuestion(GameContext<BluffSettings, BluffState> ctx) =>
        ctx.State.Phase != BluffPhases.Lie
            ? GameError.WrongPhase("The question is shown at the start of the lie phase.")
            : Step<BluffState>.To(ctx.State).Emit(BluffEvents.QuestionShown, QuestionShown(ctx.State, ctx.Settings.MultiplierFor(ctx.State.Round)));

    // ---- submit_lie / suggest_lies ----

    private Step<BluffState> SubmitLie(GameContext<BluffSettings, BluffState> ctx, Actor actor, SubmitLie lie)
    {
        var playerId = actor.PlayerId!;
        if (ctx.State.Phase != BluffPhases.Lie)
        {
            return GameError.WrongPhase("Lies are written in the lie phase.");
        }

        if (ctx.State.Lies.ContainsKey(playerId))
        {
            return new GameError(ErrorCodes.AlreadySubmitted, "You already submitted your lie for this round.", ErrorKind.Conflict);
        }

        var text = AnswerText.Tidy(lie.Text ?? string.Empty);
        if (text.Length is 0 or > MaxLieLength)
        {
            return GameError.Invalid("text", $"A lie is 1–{MaxLieLength} characters.");
        }

        var key = AnswerText.Key(text);
        if (key.Length == 0)
        {
            return GameError.Invalid("text", "A lie needs at least one letter or digit.");
        }

        if (IsTruth(ctx.State.Question, key))
        {
            return new GameError(ErrorCodes.LieIsTruth,
                "That's actually the real answer! Write a lie instead — something believable but false.", ErrorKind.Invalid,
                new Dictionary<string, string[]> { ["text"] = ["That is the truth; write a lie instead."] });
        }

        var lieForMe = ctx.State.Suggestions.TryGetValue(playerId, out var offered) && offered.Any(s => AnswerText.Key(s) == key);
        var state = ctx.State with { Lies = ctx.State.Lies.Add(playerId, new BluffLie(text, key, lieForMe)) };
        return Step<BluffState>.To(state)
            .Emit(BluffEvents.SubmissionReceived, Progress(ctx, BluffPhases.Lie, playerId, state.Lies.Keys))
            .WithReply(new { accepted = true, lieForMe })
            .Then(s => AllSubmitted(ctx with { State = s }, s.Lies.ContainsKey) ? MixAnswers(ctx with { State = s }) : Step<BluffState>.None);
    }

    private static Step<BluffState> Suggest(GameContext<BluffSettings, BluffState> ctx, Actor actor)
    {
        var playerId = actor.PlayerId!;
        if (ctx.State.Phase != BluffPhases.Lie)
        {
            return GameError.WrongPhase("Suggestions are offered in the lie phase.");
        }

        if (ctx.State.Lies.ContainsKey(playerId))
        {
            return new GameError(ErrorCodes.AlreadySubmitted, "You already submitted your lie for this round.", ErrorKind.Conflict);
        }

        if (ctx.State.Suggestions.TryGetValue(playerId, out var existing))
        {
            return Step<BluffState>.None.WithReply(new LieSuggestions(existing));
        }

        var rng = Rng(ctx.Seed, ctx.State.Round, StableHash(playerId));
        var offered = ctx.State.Question.Decoys.OrderBy(_ => rng.Next()).Take(2).ToImmutableList();
        return Step<BluffState>.To(ctx.State with { Suggestions = ctx.State.Suggestions.SetItem(playerId, offered) })
            .WithReply(new LieSuggestions(offered));
    }

    private static bool IsTruth(RoundQuestion question, string key) =>
        AnswerText.Key(question.Truth) == key || question.Alternates.Any(a => AnswerText.Key(a) == key);

    // ---- mix_answers ----

    private static Step<BluffState> OwnerMix(GameContext<BluffSettings, BluffState> ctx)
    {
        if (ctx.State.Phase != BluffPhases.Lie)
        {
            return GameError.WrongPhase("Answers are mixed at the end of the lie phase.");
        }

        return AllSubmitted(ctx, ctx.State.Lies.ContainsKey) ? MixAnswers(ctx) : NotComplete(ctx, ctx.State.Lies.ContainsKey, "write a lie");
    }

    private static Step<BluffState> MixAnswers(GameContext<BluffSettings, BluffState> ctx)
    {
        var state = ctx.State;
        var entries = new List<(string Text, string Key, AnswerKind Kind, ImmutableList<string> Authors)>
        {
            (state.Question.Truth, AnswerText.Key(state.Question.Truth), AnswerKind.Truth, []),
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

            var key = AnswerText.Key(decoy);
            if (entries.All(e => e.Key != key) && !IsTruth(state.Question, key))
            {
                entries.Add((decoy, key, AnswerKind.House, []));
            }
        }

        var rng = Rng(ctx.Seed, state.Round, 31);
        var shuffled = entries.OrderBy(_ => rng.Next()).ToList();
        var answers = shuffled.Select((e, i) => new BluffAnswer($"a{state.Round}-{i + 1}", e.Text, e.Kind, e.Authors)).ToImmutableList();
        var next = state with { Phase = BluffPhases.Guess, Answers = answers };
        var duration = ctx.Settings.Scaled(ctx.Settings.GuessSeconds);
        object Payload(IEnumerable<BluffAnswer> visible) => new
        {
            round = state.Round,
            answers = visible.Select(a => new { id = a.Id, text = a.Text }).ToList(),
            deadline = ctx.Now + duration,
            remainingMs = (long)duration.TotalMilliseconds,
            timeLimitMs = (long)duration.TotalMilliseconds,
        };
        var perPlayer = answers.SelectMany(a => a.Authors).Distinct()
            .ToDictionary(id => id, id => Payload(answers.Where(a => !a.Authors.Contains(id))));
        return Step<BluffState>.To(next)
            .Emit(BluffEvents.GuessStarted, Payload(answers), perPlayer)
            .WithTimer(PhaseTimer.Start(duration));
    }

    // ---- submit_guess / react ----

    private static Step<BluffState> SubmitGuess(GameContext<BluffSettings, BluffState> ctx, Actor actor, SubmitGuess guess)
    {
        var playerId = actor.PlayerId!;
        if (ctx.State.Phase != BluffPhases.Guess)
        {
            return GameError.WrongPhase("Answers are picked in the guess phase.");
        }

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
            return OwnLie("You can't pick your own lie. Which one is the truth?");
        }

        var state = ctx.State with { Guesses = ctx.State.Guesses.Add(playerId, answer.Id) };
        return Step<BluffState>.To(state)
            .Emit(BluffEvents.SubmissionReceived, Progress(ctx, BluffPhases.Guess, playerId, state.Guesses.Keys))
            .WithReply(new { accepted = true })
            .Then(s => AllSubmitted(ctx with { State = s }, s.Guesses.ContainsKey) ? CalculateScores(ctx with { State = s }) : Step<BluffState>.None);
    }

    private static Step<BluffState> React(GameContext<BluffSettings, BluffState> ctx, Actor actor, React reaction)
    {
        var playerId = actor.PlayerId!;
        if (ctx.State.Phase != BluffPhases.Guess)
        {
            return GameError.WrongPhase("Reactions are open during the guess phase.");
        }

        if (!Emojis.Contains(reaction.Emoji))
        {
            return GameError.Invalid("emoji", $"React with one of {string.Join(" ", Emojis)}.");
        }

        var answer = ctx.State.Answers.FirstOrDefault(a => a.Id == reaction.AnswerId);
        if (answer is null)
        {
            return UnknownAnswer();
        }

        if (answer.Authors.Contains(playerId))
        {
            return OwnLie("You can't react to your own lie.");
        }

        var byEmoji = ctx.State.Reactions.GetValueOrDefault(answer.Id) ?? ImmutableDictionary<string, ImmutableHashSet<string>>.Empty;
        var who = byEmoji.GetValueOrDefault(reaction.Emoji) ?? [];
        if (who.Contains(playerId))
        {
            return new GameError(ErrorCodes.AlreadyReacted, $"You already reacted {reaction.Emoji} to that answer.", ErrorKind.Conflict);
        }

        byEmoji = byEmoji.SetItem(reaction.Emoji, who.Add(playerId));
        var state = ctx.State with { Reactions = ctx.State.Reactions.SetItem(answer.Id, byEmoji) };
        return Step<BluffState>.To(state).Emit(BluffEvents.ReactionUpdated, new
        {
            answerId = answer.Id,
            counts = BluffViews.ReactionCounts(state, answer.Id),
        });
    }

    // ---- calculate_scores / reveal / reveal_scoreboard ----

    private static Step<BluffState> OwnerCalculate(GameContext<BluffSettings, BluffState> ctx)
    {
        if (ctx.State.Phase != BluffPhases.Guess)
        {
            return GameError.WrongPhase("Scores are calculated at the end of the guess phase.");
        }

        return AllSubmitted(ctx, ctx.State.Guesses.ContainsKey) ? CalculateScores(ctx) : NotComplete(ctx, ctx.State.Guesses.ContainsKey, "pick an answer");
    }

    private static Step<BluffState> CalculateScores(GameContext<BluffSettings, BluffState> ctx)
    {
        var multiplier = ctx.Settings.MultiplierFor(ctx.State.Round);
        var (steps, stats) = BluffScoring.PlanReveal(ctx.State, ctx.Players, multiplier);
        var finalScores = steps.Count > 0 ? steps[^1].Scores : ctx.State.Scores;
        var state = ctx.State with
        {
            Phase = BluffPhases.Reveal,
            Reveal = steps,
            Revealed = 1,
            RanksBefore = BluffScoring.Ranks(ctx.State.Scores, ctx.Players),
            Scores = finalScores,
            Stats = stats,
        };
        var duration = ctx.Settings.Scaled(ctx.Settings.RevealStepSeconds);
        return Step<BluffState>.To(state)
            .Emit(BluffEvents.ScoresCalculated, new
            {
                round = state.Round,
                multiplier,
                deltas = ctx.Players.Select(p => new
                {
                    playerId = p.Id,
                    name = p.Name,
                    delta = finalScores.GetValueOrDefault(p.Id) - ctx.State.Scores.GetValueOrDefault(p.Id),
                }).ToList(),
                steps = steps.Count,
            })
            .Emit(BluffEvents.RevealStep, steps[0])
            .WithTimer(PhaseTimer.Start(duration));
    }

    private static Step<BluffState> NextRevealStep(GameContext<BluffSettings, BluffState> ctx)
    {
        var step = ctx.State.Reveal[ctx.State.Revealed];
        return Step<BluffState>.To(ctx.State with { Revealed = ctx.State.Revealed + 1 })
            .Emit(BluffEvents.RevealStep, step)
            .WithTimer(PhaseTimer.Start(ctx.Settings.Scaled(ctx.Settings.RevealStepSeconds)));
    }

    private static Step<BluffState> OwnerScoreboard(GameContext<BluffSettings, BluffState> ctx)
    {
        if (ctx.State.Phase != BluffPhases.Reveal)
        {
            return GameError.WrongPhase("The scoreboard follows the reveal.");
        }

        return ctx.State.Revealed < ctx.State.Reveal.Count
            ? GameError.PhaseNotComplete($"The reveal is still running ({ctx.State.Revealed} of {ctx.State.Reveal.Count} shown).")
            : RevealScoreboard(ctx);
    }

    private static Step<BluffState> RevealScoreboard(GameContext<BluffSettings, BluffState> ctx)
    {
        var state = ctx.State with { Phase = BluffPhases.Scoreboard };
        var duration = ctx.Settings.Scaled(ctx.Settings.ScoreboardSeconds);
        return Step<BluffState>.To(state)
            .Emit(BluffEvents.Scoreboard, new
            {
                round = state.Round,
                rounds = state.TotalRounds,
                finalRound = state.Round >= state.TotalRounds,
                players = BluffScoring.Rank(state.Scores, ctx.Players, state.RanksBefore),
            })
            .WithTimer(PhaseTimer.Start(duration));
    }

    // ---- finish_game ----

    private static Step<BluffState> OwnerFinish(GameContext<BluffSettings, BluffState> ctx)
    {
        if (ctx.State.Phase != BluffPhases.Scoreboard)
        {
            return GameError.WrongPhase("The game finishes from the last scoreboard.");
        }

        return ctx.State.Round < ctx.State.TotalRounds
            ? GameError.PhaseNotComplete($"Round {ctx.State.Round} of {ctx.State.TotalRounds}: there are rounds left to play.")
            : FinishGame(ctx);
    }

    private static Step<BluffState> FinishGame(GameContext<BluffSettings, BluffState> ctx)
    {
        var final = new FinalResult(BluffScoring.Rank(ctx.State.Scores, ctx.Players, null), BluffScoring.Awards(ctx.State.Stats, ctx.Players));
        return Step<BluffState>.To(ctx.State with { Phase = BluffPhases.GameOver, Final = final })
            .Emit(BluffEvents.GameOver, new { rankings = final.Rankings, awards = final.Awards })
            .EndGame();
    }

    // ---- helpers ----

    private static object Progress(GameContext<BluffSettings, BluffState> ctx, string phase, string playerId, IEnumerable<string> submitted)
    {
        var ids = submitted.ToHashSet();
        return new
        {
            phase,
            playerId,
            name = ctx.NameOf(playerId),
            submitted = ctx.Players.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToList(),
            count = ctx.Players.Count(p => ids.Contains(p.Id)),
            total = ctx.Players.Count,
        };
    }

    private static GameError NotComplete(GameContext<BluffSettings, BluffState> ctx, Func<string, bool> submitted, string action)
    {
        var waiting = ctx.ConnectedPlayers.Where(p => !submitted(p.Id)).Select(p => p.Name).ToList();
        return GameError.PhaseNotComplete(waiting.Count == 0
            ? "Nobody is connected yet; the phase ends at its deadline."
            : $"Still waiting for {string.Join(", ", waiting)} to {action}. The phase ends when everyone has, or when time is up.");
    }

    private static GameError UnknownAnswer() =>
        new(ErrorCodes.UnknownAnswer, "There is no such answer in this round.", ErrorKind.Invalid,
            new Dictionary<string, string[]> { ["answerId"] = ["Unknown answer."] });

    private static GameError OwnLie(string message) =>
        new(ErrorCodes.OwnLie, message, ErrorKind.Invalid, new Dictionary<string, string[]> { ["answerId"] = [message] });

    // Deterministic across processes and instances (HashCode.Combine is randomised per process).
    private static Random Rng(int seed, int round, int salt) => new(unchecked((seed * 7919) + (round * 104_729) + (salt * 1_299_709)) & int.MaxValue);

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
