using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartyProtocol.Core.Engine;

/// <summary>
/// Base class for cartridges with a typed settings record and a typed, immutable state record. Declare moves in the
/// constructor with <see cref="Move{TPayload}"/>; implement the game as pure functions of (context, move) → step.
/// </summary>
/// <typeparam name="TSettings">A record whose camelCase JSON properties are exactly <see cref="Settings"/>.</typeparam>
/// <typeparam name="TState">The game's immutable state record.</typeparam>
public abstract class Cartridge<TSettings, TState> : ICartridge
    where TSettings : class
    where TState : class
{
    private readonly Dictionary<string, Func<GameContext<TSettings, TState>, Actor, object?, Step<TState>>> _handlers = new(StringComparer.Ordinal);
    private readonly List<MoveDefinition> _moves = [];

    public abstract string Key { get; }

    public abstract string Name { get; }

    public abstract string Description { get; }

    public abstract int MinPlayers { get; }

    public abstract int MaxPlayers { get; }

    public abstract IReadOnlyList<SettingDefinition> Settings { get; }

    public abstract IReadOnlyList<PhaseDefinition> Phases { get; }

    public IReadOnlyList<MoveDefinition> Moves => _moves;

    public Type SettingsType => typeof(TSettings);

    public Type StateType => typeof(TState);

    /// <summary>Builds the first state when the owner presses Play.</summary>
    protected abstract Step<TState> Setup(GameContext<TSettings, TState?> context);

    /// <summary>The running phase's deadline passed.</summary>
    protected abstract Step<TState> OnTimeout(GameContext<TSettings, TState> context);

    /// <summary>The seated or connected players changed; return <see cref="Step{TState}.None"/> if that changes nothing.</summary>
    protected abstract Step<TState> OnPlayersChanged(GameContext<TSettings, TState> context);

    /// <summary>The current phase.</summary>
    protected abstract string Phase(TState state);

    /// <summary>The view for one viewer; secrets stay out of views that may not see them.</summary>
    protected abstract object View(GameContext<TSettings, TState> context, Viewer viewer);

    /// <summary>Cross-field checks after every field passed its own bounds; yield (field, message) pairs.</summary>
    protected virtual IEnumerable<(string Field, string Message)> Validate(TSettings settings) => [];

    /// <summary>The number of seats the settings allow.</summary>
    protected virtual int SeatsFor(TSettings settings) => MaxPlayers;

    /// <summary>Declares a move with a payload record, deserialised strictly from JSON for remote callers.</summary>
    protected void Move<TPayload>(string name, MoveActor actor, string route, string description,
        Func<GameContext<TSettings, TState>, Actor, TPayload, Step<TState>> handler)
        where TPayload : class
    {
        _moves.Add(new MoveDefinition(name, actor, route, typeof(TPayload), description));
        _handlers.Add(name, (ctx, who, payload) => payload is TPayload typed
            ? handler(ctx, who, typed)
            : GameError.Invalid("body", $"The move '{name}' needs a body."));
    }

    /// <summary>Declares a move without a payload.</summary>
    protected void Move(string name, MoveActor actor, string route, string description,
        Func<GameContext<TSettings, TState>, Actor, Step<TState>> handler)
    {
        _moves.Add(new MoveDefinition(name, actor, route, null, description));
        _handlers.Add(name, (ctx, who, _) => handler(ctx, who));
    }

    public Result<object> BindSettings(IReadOnlyDictionary<string, JsonElement>? values)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var json = new JsonObject();
        foreach (var definition in Settings)
        {
            json[definition.Name] = JsonSerializer.SerializeToNode(definition.DefaultValue);
        }

        foreach (var (name, raw) in values ?? new Dictionary<string, JsonElement>())
        {
            var definition = Settings.FirstOrDefault(s => s.Name == name);
            if (definition is null)
            {
                errors[$"settings.{name}"] = [$"'{name}' is not a setting of {Name}."];
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
            foreach (var (field, message) in Validate(settings))
            {
                errors[$"settings.{field}"] = [message];
            }

            if (errors.Count == 0)
            {
                return settings;
            }
        }

        var first = errors.First();
        return new GameError(ErrorCodes.InvalidInput, first.Value[0], ErrorKind.Invalid, errors);
    }

    public IReadOnlyDictionary<string, JsonElement> DescribeSettings(object settings)
    {
        var element = JsonSerializer.SerializeToElement((TSettings)settings, GameJson.Options);
        return Settings.ToDictionary(s => s.Name, s => element.GetProperty(s.Name).Clone(), StringComparer.Ordinal);
    }

    public int Capacity(object settings) => Math.Min(MaxPlayers, SeatsFor((TSettings)settings));

    public CartridgeStep Start(object settings, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, int seed) =>
        Lift(Setup(new GameContext<TSettings, TState?>((TSettings)settings, null, players, now, seed)));

    public CartridgeStep Move(object settings, object state, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, TimeSpan? remaining,
        int seed, string move, Actor actor, object? payload)
    {
        if (!_handlers.TryGetValue(move, out var handler))
        {
            return Lift(new GameError(ErrorCodes.UnknownMove, $"{Name} has no move called '{move}'.", ErrorKind.NotFound));
        }

        var definition = _moves.First(m => m.Name == move);
        if (definition.Actor != actor.Kind)
        {
            return Lift(new GameError(ErrorCodes.Forbidden,
                definition.Actor == MoveActor.Owner ? "Only the host can do that." : "Only a player can do that.", ErrorKind.Forbidden));
        }

        return Lift(handler(Context(settings, state, players, now, remaining, seed), actor, payload));
    }

    public CartridgeStep Timeout(object settings, object state, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, TimeSpan? remaining, int seed) =>
        Lift(OnTimeout(Context(settings, state, players, now, remaining, seed)));

    public CartridgeStep PlayersChanged(object settings, object state, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, TimeSpan? remaining, int seed) =>
        Lift(OnPlayersChanged(Context(settings, state, players, now, remaining, seed)));

    public string PhaseOf(object state) => Phase((TState)state);

    public object BuildView(object settings, object state, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, TimeSpan? remaining, int seed, Viewer viewer) =>
        View(Context(settings, state, players, now, remaining, seed), viewer);

    private static GameContext<TSettings, TState> Context(object settings, object state, IReadOnlyList<PlayerInfo> players, DateTimeOffset now,
        TimeSpan? remaining, int seed) =>
        new((TSettings)settings, (TState)state, players, now, seed) { Remaining = remaining };

    private static CartridgeStep Lift(Step<TState> step) =>
        new(step.State, step.Events, step.Timer, step.GameOver, step.Reply, step.Refusal);
}
