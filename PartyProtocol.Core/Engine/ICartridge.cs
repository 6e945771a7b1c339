using System.Text.Json;
using PartyProtocol.Core.Events;

namespace PartyProtocol.Core.Engine;

/// <summary>A phase a cartridge declares, for documentation and for clients that want to label it.</summary>
/// <param name="Name">snake_case phase name carried in views.</param>
/// <param name="Description">What happens in it.</param>
/// <param name="Timed">Whether the phase runs against a deadline.</param>
/// <param name="Moves">The moves it allows.</param>
public sealed record PhaseDefinition(string Name, string Description, bool Timed, IReadOnlyList<string> Moves);

/// <summary>A move a cartridge accepts.</summary>
/// <param name="Name">snake_case move name, e.g. <c>submit_lie</c>.</param>
/// <param name="Actor">Who may make it.</param>
/// <param name="Route">Path below <c>/api/sessions/{code}/</c> that REST clients POST to, e.g. <c>lies</c>.</param>
/// <param name="PayloadType">The record a payload deserialises to, or null for a move without one.</param>
/// <param name="Description">What the move does.</param>
public sealed record MoveDefinition(string Name, MoveActor Actor, string Route, Type? PayloadType, string Description)
{
    /// <summary>What a player is told when the move is made in a phase that does not allow it.</summary>
    public string? WrongPhaseMessage { get; init; }
}

/// <summary>The non-generic result of a cartridge function, as the platform consumes it.</summary>
public sealed record CartridgeStep(
    object? State,
    IReadOnlyList<EventDraft> Events,
    PhaseTimer Timer,
    bool GameOver,
    object? Reply,
    GameError? Refusal)
{
    /// <summary>True when the step changes the state.</summary>
    public bool Changed => Refusal is null && State is not null;
}

/// <summary>
/// The contract every game implements. A cartridge is data plus pure functions: it declares who can play, its
/// settings, phases and moves, and turns (state, move) into a new state and events. The platform owns everything
/// else: sessions, players, tokens, the clock, pause and exit, persistence and transport. Implement it by deriving
/// from <see cref="Cartridge{TSettings, TState}"/>.
/// </summary>
public interface ICartridge
{
    /// <summary>Stable key used in URLs and sessions, e.g. <c>bluff</c>.</summary>
    string Key { get; }

    /// <summary>Display name.</summary>
    string Name { get; }

    /// <summary>One sentence for the game picker.</summary>
    string Description { get; }

    /// <summary>Fewest players needed to start.</summary>
    int MinPlayers { get; }

    /// <summary>Most players any settings allow.</summary>
    int MaxPlayers { get; }

    /// <summary>The settings, with defaults and bounds.</summary>
    IReadOnlyList<SettingDefinition> Settings { get; }

    /// <summary>The phases of a game, in the order they usually occur.</summary>
    IReadOnlyList<PhaseDefinition> Phases { get; }

    /// <summary>The moves players, the owner and the audience may make.</summary>
    IReadOnlyList<MoveDefinition> Moves { get; }

    /// <summary>The game's own error codes (the platform's are in <see cref="ErrorCodes"/>).</summary>
    IReadOnlyList<ErrorDefinition> Errors { get; }

    /// <summary>The game's own event types, each with its payload record.</summary>
    IReadOnlyList<EventDefinition> Events { get; }

    /// <summary>The CLR type of the settings record (for storage).</summary>
    Type SettingsType { get; }

    /// <summary>The CLR type of the state record (for storage).</summary>
    Type StateType { get; }

    /// <summary>Validates raw settings (absent ones take their defaults); errors name the offending field.</summary>
    Result<object> BindSettings(IReadOnlyDictionary<string, JsonElement>? values);

    /// <summary>The settings as a name → value map (what <see cref="BindSettings"/> accepts back).</summary>
    IReadOnlyDictionary<string, JsonElement> DescribeSettings(object settings);

    /// <summary>How many players the given settings seat.</summary>
    int Capacity(object settings);

    /// <summary>Starts the game: the first phase begins.</summary>
    CartridgeStep Start(object settings, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, int seed);

    /// <summary>Applies a move (already authenticated as <paramref name="actor"/>).</summary>
    /// <remarks>
    /// <paramref name="remaining"/> (here and below) is the time left on the platform's phase clock — paused time
    /// never counts, so it is what speed-based scoring must use — or null when no deadline runs.
    /// </remarks>
    /// <param name="audience">The final tally of the audience vote the running phase declared, when this step may end
    /// that phase (the platform closed the vote first); null otherwise.</param>
    CartridgeStep Move(object settings, object state, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, TimeSpan? remaining, int seed, string move, Actor actor, object? payload,
        AudienceTally? audience = null);

    /// <summary>The phase's deadline passed (<paramref name="remaining"/> is zero).</summary>
    CartridgeStep Timeout(object settings, object state, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, TimeSpan? remaining, int seed,
        AudienceTally? audience = null);

    /// <summary>Players joined, left or (dis)connected: a phase waiting on them may now be complete.</summary>
    CartridgeStep PlayersChanged(object settings, object state, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, TimeSpan? remaining, int seed,
        AudienceTally? audience = null);

    /// <summary>The audience vote open in this state's phase (its key), or null when the audience has nothing to vote on.</summary>
    string? OpenVote(object state);

    /// <summary>
    /// Checks an audience move against the state: the vote it counts in and the choice, or a refusal
    /// (<c>vote_closed</c> outside the phases that allow it). Changes nothing: the platform counts the ballot.
    /// </summary>
    Result<AudienceBallot> Ballot(object settings, object state, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, TimeSpan? remaining,
        int seed, string move, object? payload);

    /// <summary>The current phase's name.</summary>
    string PhaseOf(object state);

    /// <summary>Builds what <paramref name="viewer"/> may see. Must never include a secret the viewer may not have.</summary>
    object BuildView(object settings, object state, IReadOnlyList<PlayerInfo> players, DateTimeOffset now, TimeSpan? remaining, int seed, Viewer viewer);
}
