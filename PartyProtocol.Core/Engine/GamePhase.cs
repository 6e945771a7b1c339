namespace PartyProtocol.Core.Engine;

/// <summary>
/// One phase of a cartridge, declared once in the spirit of boardgame.io's phases: how long it lasts, which moves it
/// allows, what ends it (its deadline, or every connected player having acted) and what comes next. The base class
/// <see cref="Cartridge{TSettings, TState}"/> runs the phase machine from these declarations, so a game never writes
/// "if the deadline passed or everyone acted, go to the next phase" itself.
/// </summary>
/// <typeparam name="TSettings">The cartridge's settings record.</typeparam>
/// <typeparam name="TState">The cartridge's state record.</typeparam>
public sealed class GamePhase<TSettings, TState>
    where TSettings : class
    where TState : class
{
    private readonly Action<string, string, string, GamePhase<TSettings, TState>> _declareEndMove;
    private readonly HashSet<string> _moves = new(StringComparer.Ordinal);

    internal GamePhase(string name, string description, Action<string, string, string, GamePhase<TSettings, TState>> declareEndMove)
    {
        Name = name;
        Description = description;
        _declareEndMove = declareEndMove;
    }

    /// <summary>snake_case phase name carried in views.</summary>
    public string Name { get; }

    public string Description { get; }

    internal Func<GameContext<TSettings, TState>, TimeSpan>? Duration { get; private set; }

    internal Func<GameContext<TSettings, TState>, string, bool>? Acted { get; private set; }

    internal string? Action { get; private set; }

    internal Func<GameContext<TSettings, TState>, bool>? Complete { get; private set; }

    internal Func<GameContext<TSettings, TState>, string>? NotCompleteMessage { get; private set; }

    internal Func<GameContext<TSettings, TState>, Step<TState>>? NextStep { get; private set; }

    internal Func<GameContext<TSettings, TState>, Step<TState>>? DeadlineStep { get; private set; }

    internal IReadOnlySet<string> Moves => _moves;

    internal Func<TState, string>? VoteKey { get; private set; }

    /// <summary>True for the last phase (game over): no deadline, no moves.</summary>
    public bool IsFinal { get; private set; }

    /// <summary>The phase runs against a deadline: the clock starts with this duration whenever the phase is entered.</summary>
    public GamePhase<TSettings, TState> Lasts(Func<GameContext<TSettings, TState>, TimeSpan> duration)
    {
        Duration = duration;
        return this;
    }

    /// <summary>The moves (declared on the cartridge) this phase allows; other phases refuse them with <c>wrong_phase</c>.</summary>
    public GamePhase<TSettings, TState> Allows(params string[] moves)
    {
        _moves.UnionWith(moves);
        return this;
    }

    /// <summary>
    /// The phase waits for every player: it ends as soon as every connected player has acted (and at least one is
    /// connected) — checked after each move and whenever players come, go, connect or disconnect.
    /// </summary>
    /// <param name="acted">Whether a player has acted in this phase.</param>
    /// <param name="action">What the phase waits for, for messages: "write a lie".</param>
    public GamePhase<TSettings, TState> WaitsForEveryone(Func<GameContext<TSettings, TState>, string, bool> acted, string action)
    {
        Acted = acted;
        Action = action;
        Complete = ctx => EveryoneActed(ctx);
        NotCompleteMessage = ctx =>
        {
            var waiting = ctx.ConnectedPlayers.Where(p => !acted(ctx, p.Id)).Select(p => p.Name).ToList();
            return waiting.Count == 0
                ? "Nobody is connected yet; the phase ends at its deadline."
                : $"Still waiting for {string.Join(", ", waiting)} to {action}. The phase ends when everyone has, or when time is up.";
        };
        return this;
    }

    /// <summary>When the phase may be ended by its end move (phases that do not wait for players).</summary>
    public GamePhase<TSettings, TState> CompleteWhen(Func<GameContext<TSettings, TState>, bool> complete,
        Func<GameContext<TSettings, TState>, string> notCompleteMessage)
    {
        Complete = complete;
        NotCompleteMessage = notCompleteMessage;
        return this;
    }

    /// <summary>What happens when the phase ends: usually the step that enters the next phase.</summary>
    public GamePhase<TSettings, TState> Next(Func<GameContext<TSettings, TState>, Step<TState>> next)
    {
        NextStep = next;
        return this;
    }

    /// <summary>What the deadline does when it is not simply the end of the phase (for example the reveal's next step).</summary>
    public GamePhase<TSettings, TState> OnDeadline(Func<GameContext<TSettings, TState>, Step<TState>> onDeadline)
    {
        DeadlineStep = onDeadline;
        return this;
    }

    /// <summary>
    /// Declares an owner move that ends the phase early — but only once it is complete: while players still have
    /// time and have not all acted it is refused with <c>phase_not_complete</c>, so the owner can never skip.
    /// </summary>
    public GamePhase<TSettings, TState> EndMove(string name, string route, string description)
    {
        _declareEndMove(name, route, description, this);
        _moves.Add(name);
        return this;
    }

    /// <summary>
    /// The audience votes in this phase: <paramref name="key"/> names the vote (one per round or question, e.g.
    /// <c>guess-3</c>). The platform counts audience moves the phase allows under this key, closes the vote when the
    /// phase ends (a later vote is refused with <c>vote_closed</c>) and hands the final tally to the step that ends it.
    /// </summary>
    public GamePhase<TSettings, TState> AudienceVote(Func<TState, string> key)
    {
        VoteKey = key;
        return this;
    }

    /// <summary>The game-over phase: nothing happens in it any more.</summary>
    public GamePhase<TSettings, TState> Final()
    {
        IsFinal = true;
        return this;
    }

    /// <summary>Whether every connected player has acted (false while nobody is connected).</summary>
    public bool EveryoneActed(GameContext<TSettings, TState> ctx)
    {
        if (Acted is null)
        {
            return false;
        }

        var any = false;
        foreach (var player in ctx.Players)
        {
            if (!player.Connected)
            {
                continue;
            }

            any = true;
            if (!Acted(ctx, player.Id))
            {
                return false;
            }
        }

        return any;
    }

    internal PhaseDefinition Describe() => new(Name, Description, Duration is not null, [.. _moves.Order(StringComparer.Ordinal)]);
}
