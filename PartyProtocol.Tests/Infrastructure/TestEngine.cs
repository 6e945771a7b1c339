using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Tests.Infrastructure;

/// <summary>
/// A real engine (in-memory store, real scheduler, real bus) on a <see cref="FakeTimeProvider"/>, plus helpers that
/// keep tests to the point: create a session, seat players, play moves, read views, collect events.
/// </summary>
public sealed class TestEngine : IDisposable
{
    private readonly IDisposable _recording;

    /// <param name="moreGames">Cartridges installed beside Bluff (Quiz's tests install Quiz this way).</param>
    /// <param name="storeForService">Wraps the store the game service uses (tests that act at a given moment of a read).</param>
    public TestEngine(QuestionLibrary<BluffQuestion>? questions = null, GameSessionOptions? options = null, IEnumerable<ICartridge>? moreGames = null,
        Func<ISessionStore, ISessionStore>? storeForService = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 20, 0, 0, TimeSpan.Zero));
        Questions = questions ?? SharedBank.Value;
        Store = new InMemorySessionStore(Time);
        Scheduler = new InMemoryDeadlineScheduler(Time);
        Bus = new GameEventBus("test");
        Registry = new CartridgeRegistry([new BluffCartridge(Questions), .. moreGames ?? []]);
        Service = new GameService(Registry, storeForService?.Invoke(Store) ?? Store, Bus, Scheduler, Time, options ?? new GameSessionOptions());
        _recording = Bus.SubscribeAll(e =>
        {
            lock (Events)
            {
                Events.Add(e);
            }
        });
    }

    private static readonly Lazy<QuestionLibrary<BluffQuestion>> SharedBank = new(() => BluffContent.Load());

    public FakeTimeProvider Time { get; }

    public QuestionLibrary<BluffQuestion> Questions { get; }

    public InMemorySessionStore Store { get; }

    public InMemoryDeadlineScheduler Scheduler { get; }

    public GameEventBus Bus { get; }

    public CartridgeRegistry Registry { get; }

    public GameService Service { get; }

    /// <summary>Every event published, in publish order.</summary>
    public List<GameEvent> Events { get; } = [];

    public List<GameEvent> EventsOf(string code) { lock (Events) { return Events.Where(e => e.Code == code).ToList(); } }

    /// <summary>
    /// Settings as a client sends them, from an anonymous object or a game's settings record. A question game's record
    /// also carries its question deck, which is no setting (the host picks packs instead), so it is left out.
    /// </summary>
    public static Dictionary<string, JsonElement> Settings(object settings) =>
        JsonSerializer.SerializeToElement(settings, GameJson.Options).EnumerateObject()
            .Where(p => p.Name != "deck")
            .ToDictionary(p => p.Name, p => p.Value.Clone());

    /// <summary>A Bluff room with the given players seated.</summary>
    public Task<TestGame> CreateAsync(object? settings = null, params string[] players) =>
        CreateGameAsync(BluffCartridge.GameKey, settings, players);

    /// <summary>A room of any installed game with the given players seated.</summary>
    public async Task<TestGame> CreateGameAsync(string game, object? settings = null, params string[] players)
    {
        var created = await Service.CreateSessionAsync(game, settings is null ? null : Settings(settings));
        Assert.True(created.IsSuccess, created.Error?.Message);
        var session = new TestGame(this, created.Value!.Code, created.Value.OwnerToken);
        foreach (var name in players)
        {
            await session.JoinAsync(name);
        }

        return session;
    }

    public void Dispose()
    {
        _recording.Dispose();
        Scheduler.Dispose();
        Store.Dispose();
    }
}

/// <summary>
/// One session in a <see cref="TestEngine"/>, with its owner token and seated players, for any game. Each game's tests
/// add their own steps as extension methods (Bluff's lies and guesses, Quiz's answers) beside its tests.
/// </summary>
public sealed class TestGame(TestEngine engine, string code, string ownerToken)
{
    public string Code { get; } = code;

    public string OwnerToken { get; } = ownerToken;

    public TestEngine Engine => engine;

    /// <summary>Player name → (id, token).</summary>
    public Dictionary<string, JoinedPlayer> Players { get; } = [];

    public string Id(string name) => Players[name].PlayerId;

    public string Token(string name) => Players[name].PlayerToken;

    public async Task<JoinedPlayer> JoinAsync(string name)
    {
        var joined = await engine.Service.JoinAsync(Code, name, null);
        Assert.True(joined.IsSuccess, joined.Error?.Message);
        Players[name] = joined.Value!;
        return joined.Value!;
    }

    public Task<Result<MoveReply>> PlayAsync() => engine.Service.PlayAsync(Code, OwnerToken);

    public Task<Result<MoveReply>> PauseAsync() => engine.Service.PauseAsync(Code, OwnerToken);

    public Task<Result<MoveReply>> ExitAsync() => engine.Service.ExitAsync(Code, OwnerToken);

    public Task<Result<MoveReply>> OwnerMoveAsync(string move) => engine.Service.MoveAsync(Code, OwnerToken, move, null);

    /// <summary>A move of the game made by a player.</summary>
    public Task<Result<MoveReply>> MoveAsync(string player, string move, object? payload = null) =>
        engine.Service.MoveAsync(Code, Token(player), move, payload);

    /// <summary>Fixes the session's seed while it is still in the lobby, so two engines deal the very same game.</summary>
    public async Task ReseedAsync(int seed)
    {
        var session = await engine.Store.GetAsync(Code);
        Assert.NotNull(session);
        Assert.Equal(SessionStatus.Lobby, session.Status);
        Assert.True(await engine.Store.TryUpdateAsync(session with { Seed = seed, Version = session.Version + 1 }, session.Version));
    }

    /// <summary>
    /// Waits (bounded) until the server-side state satisfies <paramref name="condition"/>. A deadline fires inside
    /// <see cref="FakeTimeProvider.Advance(TimeSpan)"/>, but its command queues behind any command already holding the
    /// session's lock stripe (shared with other sessions), so under load it may complete a moment after Advance returns.
    /// </summary>
    public async Task<TState> WaitForAsync<TState>(Func<TState, bool> condition, string what, Func<TState, string>? describe = null)
        where TState : class
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var state = await StateOf<TState>();
            if (condition(state))
            {
                return state;
            }

            await Task.Delay(10);
        }

        var last = await StateOf<TState>();
        Assert.Fail($"The game never reached {what}; it is {describe?.Invoke(last) ?? last.ToString()}.");
        return last;
    }

    public async Task<SessionView> ViewAsync(string? player = null)
    {
        var view = await engine.Service.GetViewAsync(Code, player is null ? null : Token(player));
        Assert.True(view.IsSuccess, view.Error?.Message);
        return view.Value!;
    }

    /// <summary>The owner's view (settings included; an anonymous screen's view has none).</summary>
    public async Task<SessionView> OwnerViewAsync()
    {
        var view = await engine.Service.GetViewAsync(Code, OwnerToken);
        Assert.True(view.IsSuccess, view.Error?.Message);
        return view.Value!;
    }

    /// <summary>The server-side state (tests may look at secrets; clients never can).</summary>
    public async Task<TState> StateOf<TState>() where TState : class => (TState)(await engine.Store.GetAsync(Code))!.State!;
}
