using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Conformance;

/// <summary>
/// What the conformance kit needs to know about one game: how to install it, settings for a short game, how a bot
/// plays it, and what each viewer must never see.
/// </summary>
public abstract class ConformanceDriver
{
    public abstract string GameKey { get; }

    /// <summary>A test engine with the game installed.</summary>
    public abstract TestEngine CreateEngine();

    /// <summary>Settings for a short game (few rounds, short timers).</summary>
    public abstract object ShortGame { get; }

    /// <summary>A move that should succeed for this player now (the game's "do your part"), or null when there is none.</summary>
    public abstract (string Move, object? Payload)? ValidMove(SessionView playerView);

    /// <summary>Moves a player might try now, right or wrong, for the random play.</summary>
    public abstract IEnumerable<(string Move, object? Payload)> AnyMoves(SessionView playerView, Random random);

    /// <summary>
    /// Text that must not appear in what <paramref name="viewer"/> receives while the game is in
    /// <paramref name="state"/>: secrets, and JSON property names that would carry them (<c>"kind"</c>).
    /// </summary>
    public abstract IEnumerable<string> Secrets(object state, Viewer viewer);
}

/// <summary>
/// The guarantees every cartridge must keep, checked on the real engine with one line per game:
/// <c>public sealed class QuizConformanceTests() : CartridgeConformanceTests(new QuizConformance());</c>.
/// </summary>
public abstract partial class CartridgeConformanceTests(ConformanceDriver driver)
{
    private static readonly string[] Players = ["Ann", "Bob", "Cy"];

    [Fact]
    public async Task SecretsNeverReachAViewOrAnEventTheirViewerMayNotSee()
    {
        for (var seed = 1; seed <= 3; seed++)
        {
            using var engine = driver.CreateEngine();
            var game = await engine.CreateGameAsync(driver.GameKey, driver.ShortGame, Players);
            var leaks = new ConcurrentBag<string>();
            // No view or event ever carries a token, whoever it is for.
            string[] tokens = [game.OwnerToken, .. game.Players.Values.Select(p => p.PlayerToken)];
            // Events are checked against the state they were committed with: the handler runs right after the commit.
            using var events = engine.Bus.Subscribe(game.Code, e =>
            {
                var session = engine.Store.GetAsync(game.Code).AsTask().GetAwaiter().GetResult();
                if (session?.State is { } state)
                {
                    foreach (var viewer in Viewers(game))
                    {
                        Check(JsonSerializer.Serialize(e.For(viewer), GameJson.Options), [.. driver.Secrets(state, viewer), .. tokens], $"event {e.Type} #{e.Seq}", viewer, leaks);
                    }
                }
            });

            await PlayRandomlyAsync(engine, game, new Random(seed), async () =>
            {
                var session = await engine.Store.GetAsync(game.Code);
                if (session?.State is not { } state)
                {
                    return;
                }

                foreach (var viewer in Viewers(game))
                {
                    var view = await engine.Service.GetViewAsync(game.Code, viewer).OkAsync();
                    Check(JsonSerializer.Serialize(view, GameJson.Options), [.. driver.Secrets(state, viewer), .. tokens], "view", viewer, leaks);
                }
            });

            Assert.True(leaks.IsEmpty, string.Join(Environment.NewLine, leaks.Take(10)));
        }
    }

    [Fact]
    public async Task SeqIsGaplessAndTheGameEndsWithinItsDeadlines()
    {
        using var engine = driver.CreateEngine();
        var game = await engine.CreateGameAsync(driver.GameKey, driver.ShortGame, Players);

        await PlayRandomlyAsync(engine, game, new Random(7), () => Task.CompletedTask);
        await FinishAsync(engine, game);

        var seqs = engine.EventsOf(game.Code).Select(e => e.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Equal(seqs[^1], (await game.ViewAsync()).Seq);
    }

    [Fact]
    public async Task PauseKeepsTheRemainingTimeExactly()
    {
        using var engine = driver.CreateEngine();
        var game = await engine.CreateGameAsync(driver.GameKey, driver.ShortGame, Players);
        await game.PlayAsync().OkAsync();
        engine.Time.Advance(TimeSpan.FromMilliseconds(1234));
        var before = (await game.ViewAsync()).Clock!;

        await game.PauseAsync().OkAsync();
        engine.Time.Advance(TimeSpan.FromMinutes(7));
        var paused = (await game.ViewAsync()).Clock!;
        Assert.True(paused.Paused);
        Assert.Equal(before.RemainingMs, paused.RemainingMs);
        var (move, payload) = driver.ValidMove(await game.ViewAsync("Ann")) ?? throw new InvalidOperationException("No move to try while paused.");
        await game.MoveAsync("Ann", move, payload).RefusedAsync(ErrorCodes.Paused);

        await game.PlayAsync().OkAsync();
        var resumed = (await game.ViewAsync()).Clock!;
        Assert.False(resumed.Paused);
        Assert.Equal(before.RemainingMs, resumed.RemainingMs);
        Assert.Equal(engine.Time.GetUtcNow() + TimeSpan.FromMilliseconds(before.RemainingMs), resumed.Deadline);
    }

    [Fact]
    public async Task ADeadlineFiresOnceAndAStaleTimerChangesNothing()
    {
        using var engine = driver.CreateEngine();
        var applied = new ConcurrentDictionary<long, int>();
        engine.Service.DeadlineApplied += (_, timerId) => applied.AddOrUpdate(timerId, 1, (_, n) => n + 1);
        var game = await engine.CreateGameAsync(driver.GameKey, driver.ShortGame, Players);
        await game.PlayAsync().OkAsync();
        var first = await engine.Store.GetAsync(game.Code);

        await FinishAsync(engine, game);

        Assert.NotEmpty(applied);
        Assert.All(applied, a => Assert.True(a.Value == 1, $"Timer {a.Key} fired {a.Value} times."));
        var after = await engine.Store.GetAsync(game.Code);
        await engine.Service.HandleDeadlineAsync(game.Code, first!.Clock.TimerId);
        await engine.Service.HandleDeadlineAsync(game.Code, after!.Clock.TimerId - 1);
        Assert.Equal(after.Version, (await engine.Store.GetAsync(game.Code))!.Version);
    }

    [Fact]
    public async Task ADisconnectedPlayerNeverHoldsAPhaseUpBeyondItsDeadline()
    {
        using var engine = driver.CreateEngine();
        var game = await engine.CreateGameAsync(driver.GameKey, driver.ShortGame, Players);
        await game.PlayAsync().OkAsync();
        var start = await engine.Store.GetAsync(game.Code);
        var phase = (await game.ViewAsync()).Phase;

        await engine.Service.SetConnectedAsync(game.Code, game.Id("Cy"), connected: false).OkAsync();
        foreach (var player in new[] { "Ann", "Bob" })
        {
            if (driver.ValidMove(await game.ViewAsync(player)) is { } move)
            {
                await game.MoveAsync(player, move.Move, move.Payload).OkAsync();
            }
        }

        // The phase ends at once, or (with a grace for a reconnect) at the latest when its own deadline passes.
        var limit = start!.Clock.Duration + TimeSpan.FromSeconds(1);
        for (var waited = TimeSpan.Zero; waited <= limit && (await game.ViewAsync()).Phase == phase; waited += TimeSpan.FromMilliseconds(250))
        {
            engine.Time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Yield();
        }

        Assert.NotEqual(phase, (await game.ViewAsync()).Phase);
    }

    [Fact]
    public async Task EveryRefusalHasAStableCodeThePlatformOrTheGameDeclares()
    {
        using var engine = driver.CreateEngine();
        var cartridge = engine.Registry.Get(driver.GameKey);
        var declared = ErrorCodes.All.Concat(cartridge.Errors.Select(e => e.Code)).ToHashSet(StringComparer.Ordinal);
        Assert.All(cartridge.Errors, e => Assert.Matches(SnakeCase(), e.Code));
        var game = await engine.CreateGameAsync(driver.GameKey, driver.ShortGame, Players);
        var refusals = new List<GameError>();
        var random = new Random(11);

        await PlayRandomlyAsync(engine, game, random, async () =>
        {
            // Beside the random play: every move by the wrong actor, and the owner's moves out of turn.
            foreach (var move in cartridge.Moves)
            {
                var result = move.Actor == MoveActor.Owner
                    ? await engine.Service.MoveAsync(game.Code, game.Token("Ann"), move.Name, null)
                    : await engine.Service.MoveAsync(game.Code, game.OwnerToken, move.Name, null);
                if (!result.IsSuccess)
                {
                    refusals.Add(result.Error);
                }
            }
        }, refusals);

        Assert.NotEmpty(refusals);
        Assert.All(refusals, r =>
        {
            Assert.Contains(r.Code, declared);
            Assert.False(string.IsNullOrWhiteSpace(r.Message), $"'{r.Code}' came without a message.");
        });
    }

    /// <summary>Plays with random moves from every seat and the owner, random waits, drops and reconnects (bounded).</summary>
    private async Task PlayRandomlyAsync(TestEngine engine, TestGame game, Random random, Func<Task> check, List<GameError>? refusals = null)
    {
        await game.PlayAsync().OkAsync();
        var cartridge = engine.Registry.Get(driver.GameKey);
        var ownerMoves = cartridge.Moves.Where(m => m.Actor == MoveActor.Owner).Select(m => m.Name).ToList();
        // The audience votes alongside, with what the players send where the payloads match (a guess, an answer).
        var audienceMoves = cartridge.Moves.Where(m => m.Actor == MoveActor.Audience).ToList();
        var audience = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            audience.Add((await engine.Service.JoinAudienceAsync(game.Code, null).OkAsync()).AudienceToken);
        }

        for (var step = 0; step < 250 && (await game.ViewAsync()).Status != "finished"; step++)
        {
            var player = Players[random.Next(Players.Length)];
            Result<MoveReply> result;
            switch (random.Next(10))
            {
                case < 5:
                    var view = await game.ViewAsync(player);
                    var anyMoves = random.Next(3) == 0 ? driver.AnyMoves(view, random).ToList() : [];
                    var chosen = anyMoves.Count > 0 ? anyMoves[random.Next(anyMoves.Count)] : driver.ValidMove(view);
                    if (chosen is not { } move)
                    {
                        continue;
                    }

                    result = await game.MoveAsync(player, move.Move, move.Payload);
                    var payloadType = cartridge.Moves.First(m => m.Name == move.Move).PayloadType;
                    foreach (var vote in audienceMoves.Where(m => m.PayloadType is not null && m.PayloadType == payloadType))
                    {
                        var voted = await engine.Service.MoveAsync(game.Code, audience[random.Next(audience.Count)], vote.Name, move.Payload);
                        if (!voted.IsSuccess)
                        {
                            refusals?.Add(voted.Error);
                        }
                    }

                    break;
                case 5:
                    result = await game.OwnerMoveAsync(ownerMoves[random.Next(ownerMoves.Count)]);
                    break;
                case 6:
                    result = await engine.Service.SetConnectedAsync(game.Code, game.Id(player), connected: random.Next(2) == 0);
                    break;
                default:
                    engine.Time.Advance(TimeSpan.FromMilliseconds(random.Next(200, 4000)));
                    await Task.Yield();
                    await check();
                    continue;
            }

            if (!result.IsSuccess)
            {
                refusals?.Add(result.Error);
            }

            await check();
        }

        await check();
    }

    private static async Task FinishAsync(TestEngine engine, TestGame game)
    {
        for (var i = 0; i < 2000 && (await game.ViewAsync()).Status != "finished"; i++)
        {
            engine.Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Yield();
        }

        Assert.Equal("finished", (await game.ViewAsync()).Status);
    }

    private static IEnumerable<Viewer> Viewers(TestGame game) =>
        [Viewer.Host, Viewer.Spectator, Viewer.Audience, .. game.Players.Values.Select(p => Viewer.Player(p.PlayerId))];

    private static void Check(string json, IEnumerable<string> secrets, string what, Viewer viewer, ConcurrentBag<string> leaks)
    {
        foreach (var secret in secrets.Where(s => s.Length > 0))
        {
            if (json.Contains(secret, StringComparison.OrdinalIgnoreCase))
            {
                leaks.Add($"{what} for {viewer.Kind} {viewer.PlayerId} holds '{secret}': {json}");
            }
        }
    }

    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();
}
