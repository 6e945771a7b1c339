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

    /// <param name="moreGames">Cartridges installed beside Bluff.</param>
    /// <param name="storeForService">Wraps the store the game service uses (tests that act at a given moment of a read).</param>
    public TestEngine(QuestionBank? questions = null, GameSessionOptions? options = null, IEnumerable<ICartridge>? moreGames = null,
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

    private static readonly Lazy<QuestionBank> SharedBank = new(() => QuestionBank.LoadDefault());

    public FakeTimeProvider Time { get; }

    public QuestionBank Questions { get; }

    public InMemorySessionStore Store { get; }

    public InMemoryDeadlineScheduler Scheduler { get; }

    public GameEventBus Bus { get; }

    public CartridgeRegistry Registry { get; }

    public GameService Service { get; }

    /// <summary>Every event published, in publish order.</summary>
    public List<GameEvent> Events { get; } = [];

    public List<GameEvent> EventsOf(string code) { lock (Events) { return Events.Where(e => e.Code == code).ToList(); } }

    public static Dictionary<string, JsonElement> Settings(object settings) =>
        JsonSerializer.SerializeToElement(settings, GameJson.Options).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    public async Task<TestGame> CreateAsync(object? settings = null, params string[] players)
    {
        var created = await Service.CreateSessionAsync(BluffCartridge.GameKey, settings is null ? null : Settings(settings));
        Assert.True(created.IsSuccess, created.Error?.Message);
        var game = new TestGame(this, created.Value!.Code, created.Value.OwnerToken);
        foreach (var name in players)
        {
            await game.JoinAsync(name);
        }

        return game;
    }

    public void Dispose()
    {
        _recording.Dispose();
        Scheduler.Dispose();
        Store.Dispose();
    }
}

/// <summary>One session in a <see cref="TestEngine"/>, with its owner token and seated players.</summary>
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

    public Task<Result<MoveReply>> LieAsync(string player, string text) =>
        engine.Service.MoveAsync(Code, Token(player), "submit_lie", new SubmitLie(text));

    public Task<Result<MoveReply>> GuessAsync(string player, string answerId) =>
        engine.Service.MoveAsync(Code, Token(player), "submit_guess", new SubmitGuess(answerId));

    public Task<Result<MoveReply>> ReactAsync(string player, string answerId, string emoji) =>
        engine.Service.MoveAsync(Code, Token(player), "react", new React(answerId, emoji));

    public Task<Result<MoveReply>> SuggestAsync(string player) =>
        engine.Service.MoveAsync(Code, Token(player), "suggest_lies", null);

    /// <summary>Fixes the session's seed while it is still in the lobby, so two engines deal the very same game.</summary>
    public async Task ReseedAsync(int seed)
    {
        var session = await engine.Store.GetAsync(Code);
        Assert.NotNull(session);
        Assert.Equal(SessionStatus.Lobby, session.Status);
        Assert.True(await engine.Store.TryUpdateAsync(session with { Seed = seed, Version = session.Version + 1 }, session.Version));
    }

    /// <summary>Waits (bounded) until the game reaches <paramref name="phase"/>.</summary>
    public Task<BluffState> WaitForPhaseAsync(string phase) => WaitForStateAsync(s => s.Phase == phase, $"the phase '{phase}'");

    /// <summary>
    /// Waits (bounded) until the server-side state satisfies <paramref name="condition"/>. A deadline fires inside
    /// <see cref="FakeTimeProvider.Advance(TimeSpan)"/>, but its command queues behind any command already holding the
    /// session's lock stripe (shared with other sessions), so under load it may complete a moment after Advance returns.
    /// </summary>
    public async Task<BluffState> WaitForStateAsync(Func<BluffState, bool> condition, string what)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var state = await StateAsync();
            if (condition(state))
            {
                return state;
            }

            await Task.Delay(10);
        }

        var last = await StateAsync();
        Assert.Fail($"The game never reached {what}; it is in '{last.Phase}' (round {last.Round}, {last.Revealed} of {last.Reveal.Count} revealed).");
        return last;
    }

    public async Task<SessionView> ViewAsync(string? player = null)
    {
        var view = await engine.Service.GetViewAsync(Code, player is null ? null : Token(player));
        Assert.True(view.IsSuccess, view.Error?.Message);
        return view.Value!;
    }

    public async Task<BluffView> BluffAsync(string? player = null) => (BluffView)(await ViewAsync(player)).State!;

    /// <summary>The server-side state (tests may look at secrets; clients never can).</summary>
    public async Task<BluffState> StateAsync() => (BluffState)(await engine.Store.GetAsync(Code))!.State!;

    /// <summary>The answer id whose text is <paramref name="text"/> (compared like answers are).</summary>
    public async Task<string> AnswerIdAsync(string text) =>
        (await StateAsync()).Answers.Single(a => AnswerText.Key(a.Text) == AnswerText.Key(text)).Id;

    public async Task<string> TruthIdAsync() => (await StateAsync()).Answers.Single(a => a.Kind == AnswerKind.Truth).Id;
}
