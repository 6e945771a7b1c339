using System.Collections.Immutable;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;

namespace PartyProtocol.Tests.Core.Engine;

public sealed record QuickQuizSettings(int Questions = 2, int AnswerSeconds = 20, int MaxPlayers = 4);

public sealed record QuickQuizState
{
    public required string Phase { get; init; }

    public required int Question { get; init; }

    /// <summary>player → points earned on the running question.</summary>
    public ImmutableDictionary<string, int> Answered { get; init; } = ImmutableDictionary<string, int>.Empty;

    public ImmutableDictionary<string, int> Scores { get; init; } = ImmutableDictionary<string, int>.Empty;
}

public sealed record QuickQuizAnswer(int Choice);

public sealed record QuickQuizView(string Phase, int Question, int Choices, IReadOnlyDictionary<string, int> Scores, bool? Answered);

/// <summary>
/// A second, quite different game used to test the cartridge contract: a four-choice quiz where the correct choice
/// is worth up to 1000 points, scaled by the time left on the platform's phase clock when it was picked (so a pause
/// costs nobody points). Choice 0 is always right.
/// </summary>
public sealed class QuickQuizCartridge : Cartridge<QuickQuizSettings, QuickQuizState>
{
    public QuickQuizCartridge(string answerRoute = "answers")
    {
        Event<QuickQuizAsked>("A question opens.");
        Event<QuickQuizAnswered>("A player answered.");
        Event<QuickQuizOver>("The game is over.");
        Move<QuickQuizAnswer>("answer", MoveActor.Player, answerRoute, "Picks one of the four choices.", Answer,
            wrongPhase: "There is no open question.");
        Phase("question", "Everyone picks a choice against the clock.")
            .Lasts(ctx => TimeSpan.FromSeconds(ctx.Settings.AnswerSeconds))
            .Allows("answer")
            .WaitsForEveryone((ctx, playerId) => ctx.State.Answered.ContainsKey(playerId), "answer")
            .Next(Close);
        Phase("over", "Final scores.").Final();
    }

    public override string Key => "quick-quiz";

    public override string Name => "Quick quiz";

    public override string Description => "Pick the right choice, fast.";

    public override int MinPlayers => 1;

    public override int MaxPlayers => 4;

    public override IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        SettingDefinition.Integer("questions", 2, 1, 5, "Questions per game."),
        SettingDefinition.Integer("answerSeconds", 20, 1, 60, "Seconds to answer."),
        SettingDefinition.Integer("maxPlayers", 4, 1, 4, "Seats."),
    ];

    protected override int SeatsFor(QuickQuizSettings settings) => settings.MaxPlayers;

    protected override Step<QuickQuizState> Setup(GameContext<QuickQuizSettings, QuickQuizState?> context) =>
        Open(context.Settings, 1, context.Players.ToImmutableDictionary(p => p.Id, _ => 0));

    protected override string CurrentPhase(QuickQuizState state) => state.Phase;

    protected override object View(GameContext<QuickQuizSettings, QuickQuizState> context, Viewer viewer) =>
        new QuickQuizView(context.State.Phase, context.State.Question, 4, context.State.Scores,
            viewer.Kind == ViewerKind.Player ? context.State.Answered.ContainsKey(viewer.PlayerId!) : null);

    private static Step<QuickQuizState> Answer(GameContext<QuickQuizSettings, QuickQuizState> ctx, Actor actor, QuickQuizAnswer answer)
    {
        if (answer.Choice is < 0 or > 3)
        {
            return GameError.Invalid("choice", "Pick one of the four choices (0–3).");
        }

        if (ctx.State.Answered.ContainsKey(actor.PlayerId!))
        {
            return new GameError(ErrorCodes.AlreadySubmitted, "You already answered.", ErrorKind.Conflict);
        }

        var duration = TimeSpan.FromSeconds(ctx.Settings.AnswerSeconds);
        var left = ctx.Remaining ?? TimeSpan.Zero;
        var points = answer.Choice == 0 ? (int)Math.Round(1000 * Math.Clamp(left / duration, 0, 1)) : 0;
        var state = ctx.State with { Answered = ctx.State.Answered.Add(actor.PlayerId!, points) };
        return Step<QuickQuizState>.To(state)
            .Emit(new QuickQuizAnswered(actor.PlayerId!))
            .WithReply(new QuickQuizPoints(points));
    }

    private static Step<QuickQuizState> Open(QuickQuizSettings settings, int question, ImmutableDictionary<string, int> scores) =>
        // "question" follows "question": the phase is entered again, so the clock is restarted explicitly.
        Step<QuickQuizState>.To(new QuickQuizState { Phase = "question", Question = question, Scores = scores })
            .Emit(new QuickQuizAsked(question, 4))
            .WithTimer(PhaseTimer.Start(TimeSpan.FromSeconds(settings.AnswerSeconds)));

    private static Step<QuickQuizState> Close(GameContext<QuickQuizSettings, QuickQuizState> ctx)
    {
        var scores = ctx.State.Scores;
        foreach (var (player, points) in ctx.State.Answered)
        {
            scores = scores.SetItem(player, scores.GetValueOrDefault(player) + points);
        }

        if (ctx.State.Question < ctx.Settings.Questions)
        {
            return Open(ctx.Settings, ctx.State.Question + 1, scores);
        }

        return Step<QuickQuizState>.To(ctx.State with { Phase = "over", Answered = ImmutableDictionary<string, int>.Empty, Scores = scores })
            .Emit(new QuickQuizOver(scores))
            .EndGame();
    }
}

public sealed record QuickQuizPoints(int Points);

public sealed record QuickQuizAsked(int Question, int Choices) : IEventData
{
    public static string EventType => "quiz.question";
}

public sealed record QuickQuizAnswered(string PlayerId) : IEventData
{
    public static string EventType => "quiz.answered";
}

public sealed record QuickQuizOver(IReadOnlyDictionary<string, int> Scores) : IEventData
{
    public static string EventType => "quiz.over";
}
