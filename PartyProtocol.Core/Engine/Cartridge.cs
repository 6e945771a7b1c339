using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartyProtocol.Core.Events;

namespace PartyProtocol.Core.Engine;

/// <summary>
/// Base class for cartridges with a typed settings record and a typed, immutable state record. In the constructor,
/// declare the game the way boardgame.io declares a Game object: its moves (<see cref="Move{TPayload}"/>), its phases
/// (<see cref="Phase"/>: duration, allowed moves, what ends it, what comes next), its own error codes
/// (<see cref="Error"/>) and events (<see cref="Event{TData}"/>). The base class runs the phase machine: it refuses a
/// move outside its phases, ends a phase at its deadline or when every connected player has acted, and starts a
/// phase's clock when the phase is entered.
/// </summary>
/// <typeparam name="TSettings">A record whose camelCase JSON properties are exactly <see cref="Settings"/>.</typeparam>
/// <typeparam name="TState">The game's immutable state record.</typeparam>
public abstract class Cartridge<TSettings, TState> : ICartridge
    where TSettings : class
    where TState : class
{
    private readonly Dictionary<string, MoveHandler> _handlers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BallotHandler> _ballots = new(StringComparer.Ordinal);
    private readonly List<MoveDefinition> _moves = [];
    private readonly List<GamePhase<TSettings, TState>> _phases = [];
    private readonly Dictionary<string, GamePhase<TSettings, TState>> _phasesByName = new(StringComparer.Ordinal);
    private readonly List<ErrorDefinition> _errors = [];
    private readonly List<EventDefinition> _events = [];

    private delegate Step<TState> MoveHandler(GameContext<TSettings, TState> context, Actor actor, object? payload);

    private delegate Result<string> BallotHandler(GameContext<TSettings, TState> context, object? payload);

    public abstract string Key { get; }

    public abstract string Name { get; }

    public abstract string Description { get; }

    public abstract int MinPlayers { get; }

    public abstract int MaxPlayers { get; }

    public abstract IReadOnlyList<SettingDefinition> Settings { get; }

    public IReadOnlyList<PhaseDefinition> Phases => [.. _phases.Select(p => p.Describe())];

    public IReadOnlyList<MoveDefinition> Moves => _moves;

    public IReadOnlyList<ErrorDefinition> Errors => _errors;

    public IReadOnlyList<EventDefinition> Events => _events;

    public Type SettingsType => typeof(TSettings);

    public Type StateType => typeof(TState);

    /// <summary>Builds the first state when the owner presses Play (it enters the first phase).</summary>
    protected abstract Step<TState> Setup(GameContext<TSettings, TState?> context);

    /// <summary>The current phase's name (one of the declared phases).</summary>
    protected abstract string CurrentPhase(TState state);

    /// <summary>The view for one viewer; secrets stay out of views that may not see them.</summary>
    protected abstract object View(GameContext<TSettings, TState> context, Viewer viewer);

    /// <summary>Cross-field checks after every field passed its own bounds; yield (field, why) pairs.</summary>
    protected virtual IEnumerable<(string Field, FieldError Error)> Validate(TSettings settings) => [];

    /// <summary>The number of seats the settings allow.</summary>
    protected virtual int SeatsFor(TSettings settings) => MaxPlayers;

    /// <summary>
    /// The seated or connected players changed. By default: a phase that waits for everyone ends if every connected
    /// player has now acted; otherwise nothing changes.
    /// </summary>
    protected virtual Step<TState> OnPlayersChanged(GameContext<TSettings, TState> context)
    {
        var phase = PhaseOf(context.State);
        return phase.Acted is not null && phase.NextStep is not null && phase.EveryoneActed(context)
            ? phase.NextStep(context)
            : Step<TState>.None;
    }

    /// <summary>The running phase's deadline passed. By default: the phase's <c>OnDeadline</c>, else its <c>Next</c>.</summary>
    protected virtual Step<TState> OnTimeout(GameContext<TSettings, TState> context)
    {
        var phase = PhaseOf(context.State);
        return (phase.DeadlineStep ?? phase.NextStep)?.Invoke(context) ?? Step<TState>.None;
    }

    /// <summary>Declares a phase; chain its rules (<c>Lasts</c>, <c>Allows</c>, <c>WaitsForEveryone</c>, <c>Next</c>, …).</summary>
    protected GamePhase<TSettings, TState> Phase(string name, string description)
    {
        var phase = new GamePhase<TSettings, TState>(name, description, DeclareEndMove);
        _phases.Add(phase);
        _phasesByName.Add(name, phase);
        return phase;
    }

    /// <summary>Declares an error code of this game (beside the platform's <see cref="ErrorCodes"/>).</summary>
    protected ErrorDefinition Error(string code, ErrorKind kind, string description)
    {
        if (ErrorCodes.All.Contains(code))
        {
            throw new InvalidOperationException($"'{code}' is a platform error code; a game declares only its own.");
        }

        var error = new ErrorDefinition(code, kind, description);
        _errors.Add(error);
        return error;
    }

    /// <summary>Declares an event type this game emits (its payload record documents it).</summary>
    protected void Event<TData>(string description) where TData : IEventData => _events.Add(EventDefinition.Of<TData>(description));

    /// <summary>Declares a move with a payload record, deserialised strictly from JSON for remote callers.</summary>
    /// <param name="wrongPhase">The refusal's message when the move is made outside the phases that allow it.</param>
    protected void Move<TPayload>(string name, MoveActor actor, string route, string description,
        Func<GameContext<TSettings, TState>, Actor, TPayload, Step<TState>> handler, string? wrongPhase = null)
        where TPayload : class
    {
        _moves.Add(new MoveDefinition(name, actor, route, typeof(TPayload), description) { WrongPhaseMessage = wrongPhase });
        _handlers.Add(name, (ctx, who, payload) => payload is TPayload typed
            ? handler(ctx, who, typed)
            : GameError.Invalid("body", new FieldError("move_needs_body", $"The move '{name}' needs a body.", name)));
    }

    /// <summary>Declares a move without a payload.</summary>
    protected void Move(string name, MoveActor actor, string route, string description,
        Func<GameContext<TSettings, TState>, Actor, Step<TState>> handler, string? wrongPhase = null)
    {
        _moves.Add(new MoveDefinition(name, actor, route, null, description) { WrongPhaseMessage = wrongPhase });
        _handlers.Add(name, (ctx, who, _) => handler(ctx, who));
    }

    /// <summary>
    /// Declares an audience move: a vote in the phases that allow it and declare an <c>AudienceVote</c>. It never
    /// changes the state: <paramref name="choose"/> checks the payload against the state and names the choice (or
    /// refuses), and the platform counts it — once per audience member per vote — outside the session.
    /// </summary>
    protected void AudienceMove<TPayload>(string name, string route, string description,
        Func<GameContext<TSettings, TState>, TPayload, Result<string>> choose, string? wrongPhase = null)
        where TPayload : class
    {
        _moves.Add(new MoveDefinition(name, MoveActor.Audience, route, typeof(TPayload), description) { WrongPhaseMessage = wrongPhase });
        _ballots.Add(name, (ctx, payload) => payload is TPayload typed
            ? choose(ctx, typed)
            : GameError.Invalid("body", new FieldError("move_needs_body", $"The move '{name}' needs a body.", name)));
    }

    private void DeclareEndMove(string name, string route, string description, GamePhase<TSettings, TState> phase)
    {
        _moves.Add(new MoveDefinition(name, MoveActor.Owner, route, null, description));
        _handlers.Add(name, (ctx, _, _) =>
        {
            if (phase.Complete is { } complete && !complete(ctx))
            {
                return GameError.PhaseNotComplete(phase.NotCompleteMessage?.Invoke(ctx) ?? "This phase is not over yet.");
            }

            return phase.NextStep?.Invoke(ctx) ?? Step<TState>.None;
        });
    }

    private GamePhase<TSettings, TState> PhaseOf(TState state)
    {
        var name = CurrentPhase(state);
        return _phasesByName.TryGetValue(name, out var phase)
            ? phase
            : throw new InvalidOperationException($"{Name} is in the phase '{name}', which it does not declare.");
    }

    public Result<object> BindSettings(IReadOnlyDictionary<string, JsonElement>? values)
    {
        var errors = new Dictionary<string, FieldError[]>(StringComparer.Ordinal);
        var json = new JsonObject();
        foreach (var definition in Settings)
        {
            json[definition.Name] = JsonNode.Parse(definition.Default.GetRawText());
        }

        foreach (var (name, raw) in values ?? new Dictionary<string, JsonElement>())
        {
            var definition = Settings.FirstOrDefault(s => s.Name == name);
            if (definition is null)
            {
                errors[$"settings.{name}"] = [new FieldError("unknown_setting", $"'{name}' is not a setting of {Name}.", name, Name)];
                continue;
            }

            var (value, error) = definition.Validate(raw);
            if (error is not null)
            {
                errors[$"settings.{name}"] = [error];
            }
            else
            {
                json[name] = value;
            }
        }

        if (errors.Count == 0)
        {
            var settings = json.Deserialize<TSettings>(GameJson.Options)!;
            foreach (var (field, error) in Validate(settings))
            {
                errors[$"settings.{field}"] = [error];
            }

            if (errors.Count == 0)
            {
                return settings;
            }
        }

        return GameError.Fields(ErrorCodes.InvalidInput, errors.First().Value[0].Message, ErrorKind.Invalid, errors);
    }

    // Settings records are immutable and kept from one version of a session to the next, while every view of every
    // screen and phone describes them: each record is described once.
    private readonly ConditionalWeakTable<object, IReadOnlyDictionary<string, JsonElement>> _described = [];

    // Looked up before GetValue: a method group of this instance would be a new delegate on every view read.
    public IReadOnlyDictionary<string, JsonElement> DescribeSettings(object settings) =>
        _described.TryGetValue(settings, out var described) ? described : _described.GetValue(settings, Describe);

    private FrozenDictionary<string, JsonElement> Describe(object settings)
    {
        // Only the declared settings: a settings record may carry more (a question game's deck), which is neither a
        // setting nor something every view should carry.
        var properties = GameJson.Options.GetTypeInfo(typeof(TSettings)).Properties;
        return Settings.ToFrozenDictionary(s => s.Name, s =>
        {
            var property = properties.First(p => p.Name == s.Name);
            return JsonSerializer.SerializeToElement(property.Get!(settings), property.PropertyType, GameJson.Options);
        }, StringComparer.Ordinal);
    }

    public int Capacity(object settings) => Math.Min(MaxPlayers, SeatsFor((TSettings)settings));

    public CartridgeStep Start(object settings, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, int seed)
    {
        var context = new GameContext<TSettings, TState?>((TSettings)settings, null, players, now, seed);
        return Lift(null, context.Settings, players, now, seed, Setup(context));
    }

    public CartridgeStep Move(object settings, object state, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, TimeSpan? remaining,
        int seed, string move, Actor actor, object? payload, AudienceTally? audience = null)
    {
        var definition = _moves.FirstOrDefault(m => m.Name == move);
        if (definition is null)
        {
            return Refuse(GameError.UnknownMove(Name, move));
        }

        if (definition.Actor != actor.Kind || !_handlers.TryGetValue(move, out var handler))
        {
            return Refuse(ErrorCodes.WrongActor(definition.Actor));
        }

        var context = Context(settings, state, players, now, remaining, seed, audience);
        var phase = PhaseOf(context.State);
        if (!phase.Moves.Contains(move))
        {
            return Refuse(GameError.WrongPhase(definition.WrongPhaseMessage
                ?? $"'{move}' is not possible now: the game is in the {phase.Name.Replace('_', ' ')} phase."));
        }

        var step = handler(context, actor, payload);
        // A move that completes a phase waiting for everyone ends it in the same step.
        if (actor.Kind == MoveActor.Player && phase.Acted is not null && phase.NextStep is not null)
        {
            step = step.Then(next => CurrentPhase(next) == phase.Name && phase.EveryoneActed(context with { State = next })
                ? phase.NextStep(context with { State = next })
                : Step<TState>.None);
        }

        return Lift(context.State, context.Settings, players, now, seed, step);
    }

    public CartridgeStep Timeout(object settings, object state, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, TimeSpan? remaining, int seed,
        AudienceTally? audience = null)
    {
        var context = Context(settings, state, players, now, remaining, seed, audience);
        return Lift(context.State, context.Settings, players, now, seed, OnTimeout(context));
    }

    public CartridgeStep PlayersChanged(object settings, object state, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, TimeSpan? remaining, int seed,
        AudienceTally? audience = null)
    {
        var context = Context(settings, state, players, now, remaining, seed, audience);
        return Lift(context.State, context.Settings, players, now, seed, OnPlayersChanged(context));
    }

    public string PhaseOf(object state) => CurrentPhase((TState)state);

    public string? OpenVote(object state) => PhaseOf((TState)state).VoteKey?.Invoke((TState)state);

    public Result<AudienceBallot> Ballot(object settings, object state, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, TimeSpan? remaining,
        int seed, string move, object? payload)
    {
        var definition = _moves.FirstOrDefault(m => m.Name == move);
        if (definition is null)
        {
            return GameError.UnknownMove(Name, move);
        }

        if (!_ballots.TryGetValue(move, out var choose))
        {
            return ErrorCodes.WrongActor(definition.Actor);
        }

        var context = Context(settings, state, players, now, remaining, seed, null);
        var phase = PhaseOf(context.State);
        if (!phase.Moves.Contains(move) || phase.VoteKey is null)
        {
            return new GameError(ErrorCodes.VoteClosed, definition.WrongPhaseMessage ?? "The audience has no vote open right now.", ErrorKind.Conflict);
        }

        var choice = choose(context, payload);
        return choice.IsSuccess ? new AudienceBallot(phase.VoteKey(context.State), choice.Value) : choice.Error;
    }

    public object BuildView(object settings, object state, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, TimeSpan? remaining, int seed, Viewer viewer) =>
        View(Context(settings, state, players, now, remaining, seed), viewer);

    private static GameContext<TSettings, TState> Context(object settings, object state, IReadOnlyList<PlayerInfo> players, DateTimeOffset now,
        TimeSpan? remaining, int seed, AudienceTally? audience = null) =>
        new((TSettings)settings, (TState)state, players, now, seed) { Remaining = remaining, Audience = audience };

    private static CartridgeStep Refuse(GameError error) => new(null, [], PhaseTimer.Keep, false, null, error);

    /// <summary>
    /// Turns a step into what the platform consumes. A step that enters another phase and says nothing about the clock
    /// gets the new phase's clock: its declared duration, or none.
    /// </summary>
    private CartridgeStep Lift(TState? before, TSettings settings, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, int seed, Step<TState> step)
    {
        var timer = step.Timer;
        if (step.Refusal is null && step.State is { } after && timer.Action == TimerAction.Keep && !step.GameOver)
        {
            var entered = PhaseOf(after);
            if (before is null || CurrentPhase(before) != entered.Name)
            {
                timer = entered.Duration is { } duration
                    ? PhaseTimer.Start(duration(new GameContext<TSettings, TState>(settings, after, players, now, seed)))
                    : PhaseTimer.Clear;
            }
        }

        return new CartridgeStep(step.State, step.Events, timer, step.GameOver, step.Reply, step.Refusal);
    }
}
