using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Tests.Web.Realtime;
using PartyProtocol.Web.Scaleout;
using StackExchange.Redis;

namespace PartyProtocol.Tests.Web.Scaleout;

[Collection(ScaleoutCollection.Name)]
public sealed class RedisSessionStoreTests : IAsyncLifetime
{
    private static readonly Lazy<CartridgeRegistry> Registry = new(() => new CartridgeRegistry([new BluffCartridge(BluffContent.Load())]));
    private readonly string _prefix = ScaleoutInstance.NewKeyPrefix();
    private ConnectionMultiplexer _redis = null!;
    private RedisSessionStore _store = null!;

    public async Task InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Configure(RedisTestServer.SharedConnectionString));
        _store = InstanceStore();
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task ACodeThatIsTakenCannotBeCreatedAgain()
    {
        var session = NewSession("QWRT");
        Assert.True(await _store.TryCreateAsync(session));
        Assert.False(await _store.TryCreateAsync(session with { OwnerTokenHash = "someone else" }));
        Assert.Equal(session.OwnerTokenHash, (await _store.GetAsync("QWRT"))!.OwnerTokenHash);
    }

    [Fact]
    public async Task AnUpdateBasedOnAnOldVersionIsRefusedAndChangesNothing()
    {
        Assert.True(await _store.TryCreateAsync(NewSession("PLKM")));
        var session = (await _store.GetAsync("PLKM"))!;
        var next = session with { Version = 2, Seq = 2, Players = [new SessionPlayer("p1", "Ada", "h", true, session.CreatedAt)] };
        Assert.True(await _store.TryUpdateAsync(next, expectedVersion: 1));

        Assert.False(await _store.TryUpdateAsync(session with { Version = 2, Seq = 2 }, expectedVersion: 1));
        var stored = (await _store.GetAsync("PLKM"))!;
        Assert.Equal(2, stored.Version);
        Assert.Equal("Ada", Assert.Single(stored.Players).Name);
    }

    [Fact]
    public async Task OfManyConcurrentUpdatesFromTheSameVersionExactlyOneWins()
    {
        Assert.True(await _store.TryCreateAsync(NewSession("ZXCV")));
        var session = (await _store.GetAsync("ZXCV"))!;
        var attempts = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
            await _store.TryUpdateAsync(session with { Version = 2, Seq = 1 + i }, expectedVersion: 1))).ToList();

        var results = await Task.WhenAll(attempts);

        Assert.Single(results, won => won);
        var winner = results.ToList().IndexOf(true);
        Assert.Equal(1 + winner, (await _store.GetAsync("ZXCV"))!.Seq);
    }

    [Fact]
    public async Task SessionKeysExpireWithTheSessionByRedisTime()
    {
        Assert.True(await _store.TryCreateAsync(NewSession("BNMK") with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(10) }));
        var session = (await _store.GetAsync("BNMK"))!;
        var ttl = await _redis.GetDatabase().KeyTimeToLiveAsync(_prefix + "session:BNMK");
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));

        var finished = session with { Version = 2, Status = SessionStatus.Finished, ExpiresAt = DateTimeOffset.UtcNow.AddMilliseconds(300) };
        Assert.True(await _store.TryUpdateAsync(finished, 1));
        await Eventually.TrueAsync(async () => await _store.GetAsync("BNMK") is null, "the finished session to expire", TimeSpan.FromSeconds(10));
        Assert.False(await _redis.GetDatabase().KeyExistsAsync(_prefix + "session:BNMK"));
    }

    [Fact]
    public async Task ADeadlineIsIndexedWithItsSessionAndLeavesWithIt()
    {
        var deadlines = (RedisKey)(_prefix + "deadlines");
        Assert.True(await _store.TryCreateAsync(NewSession("HJKL")));
        var session = (await _store.GetAsync("HJKL"))!;
        Assert.Null(await _redis.GetDatabase().SortedSetScoreAsync(deadlines, "HJKL"));

        var timed = session with { Version = 2, Clock = new PhaseClock(1, DateTimeOffset.UtcNow.AddSeconds(30), null, TimeSpan.FromSeconds(30)) };
        Assert.True(await _store.TryUpdateAsync(timed, 1));
        var due = await _redis.GetDatabase().SortedSetScoreAsync(deadlines, "HJKL");
        Assert.NotNull(due);

        // A move inside the phase (same timer) leaves the deadline exactly where it was.
        Assert.True(await _store.TryUpdateAsync((await _store.GetAsync("HJKL"))! with { Version = 3, Seq = 5 }, 2));
        Assert.Equal(due, await _redis.GetDatabase().SortedSetScoreAsync(deadlines, "HJKL"));

        await _store.DeleteAsync("HJKL");
        Assert.Null(await _store.GetAsync("HJKL"));
        Assert.Null(await _redis.GetDatabase().SortedSetScoreAsync(deadlines, "HJKL"));
    }

    [Fact]
    public async Task AReadUsesTheInstancesCopyOnlyWhileRedisStillHasThatVersion()
    {
        var other = InstanceStore();
        var session = NewSession("MNBV");
        Assert.True(await _store.TryCreateAsync(session));

        Assert.Equal(session.Seed, (await _store.GetAsync("MNBV"))!.Seed);
        Assert.Equal(1, _store.ReadsFromCopy);

        // Another instance moves the session on: this one must read the new version, not its copy.
        var seen = (await other.GetAsync("MNBV"))!;
        Assert.Equal(0, other.ReadsFromCopy);
        Assert.True(await other.TryUpdateAsync(seen with { Version = 2, Seq = 2, Players = [new SessionPlayer("p1", "Ada", "h", true, seen.CreatedAt)] }, 1));
        var fresh = (await _store.GetAsync("MNBV"))!;
        Assert.Equal(2, fresh.Version);
        Assert.Equal("Ada", Assert.Single(fresh.Players).Name);
        Assert.Equal(1, _store.ReadsFromCopy);

        // This instance's own refused write leaves nothing stale behind either.
        Assert.False(await _store.TryUpdateAsync(session with { Version = 2, Seq = 5 }, 1));
        Assert.Equal("Ada", Assert.Single((await _store.GetAsync("MNBV"))!.Players).Name);
        Assert.Equal(2, _store.ReadsFromCopy);
    }

    [Fact]
    public async Task ASessionCreatedAgainUnderTheSameCodeIsNotTakenForTheOldCopy()
    {
        var other = InstanceStore();
        var first = NewSession("WQRT");
        Assert.True(await _store.TryCreateAsync(first));
        Assert.Equal(first.Seed, (await _store.GetAsync("WQRT"))!.Seed);
        Assert.Equal(1, _store.ReadsFromCopy);

        // Exited on another instance, and a new session got the same code — same version number, another owner.
        await other.DeleteAsync("WQRT");
        var second = NewSession("WQRT") with { OwnerTokenHash = "another owner", Seed = 7 };
        Assert.True(await other.TryCreateAsync(second));

        var read = (await _store.GetAsync("WQRT"))!;
        Assert.Equal("another owner", read.OwnerTokenHash);
        Assert.Equal(7, read.Seed);

        await other.DeleteAsync("WQRT");
        Assert.Null(await _store.GetAsync("WQRT"));
    }

    [Fact]
    public async Task ACopyThatForkedFromRedisIsNeitherReadNorCommittedOverTheRealSession()
    {
        var a = InstanceStore();
        var b = InstanceStore();
        var key = (RedisKey)(_prefix + "session:FRKD");
        var db = _redis.GetDatabase();
        Assert.True(await a.TryCreateAsync(NewSession("FRKD")));
        var before = await db.KeyDumpAsync(key);
        var ttl = await db.KeyTimeToLiveAsync(key);

        // A commits version 2 (Ada joins) and Redis acknowledges it; then Redis loses that write, as after a restart
        // from a persistence file with a lost tail or a failover to a replica that had not received it.
        var read = (await a.GetAsync("FRKD"))!;
        Assert.True(await a.TryUpdateAsync(read with { Version = 2, Seq = 2, Players = [new SessionPlayer("p1", "Ada", "h", true, read.CreatedAt)] }, 1));
        var forked = (await a.GetAsync("FRKD"))!;
        await db.KeyDeleteAsync(key);
        await db.KeyRestoreAsync(key, before!, ttl);

        // B, reading what Redis now has, commits its own version 2 (Bo joins): the same version number as A's copy.
        var seen = (await b.GetAsync("FRKD"))!;
        Assert.Equal(1, seen.Version);
        Assert.True(await b.TryUpdateAsync(seen with { Version = 2, Seq = 2, Players = [new SessionPlayer("p2", "Bo", "h", true, seen.CreatedAt)] }, 1));

        // A sees Bo, not its own lost Ada; and a command A decided on its forked copy cannot overwrite Bo's write.
        Assert.Equal("Bo", Assert.Single((await a.GetAsync("FRKD"))!.Players).Name);
        Assert.False(await a.TryUpdateAsync(forked with { Version = 3, Seq = 3 }, 2));
        Assert.Equal("Bo", Assert.Single((await b.GetAsync("FRKD"))!.Players).Name);
    }

    [Fact]
    public async Task AnUnreachableRedisIsReportedAsAnUnavailableStore()
    {
        await using var dead = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Configure($"127.0.0.1:{UnusedPort()},connectTimeout=500"));
        var store = new RedisSessionStore(dead, new RedisKeys(_prefix), new SessionCodec(Registry.Value), TimeProvider.System, TestAvailability.Of(dead), NullLogger<RedisSessionStore>.Instance);

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(async () => await store.GetAsync("ABCD"));
        await Assert.ThrowsAsync<SessionStoreUnavailableException>(async () => await store.TryCreateAsync(NewSession("ABCD")));

        var games = new GameService(Registry.Value, store, new GameEventBus(), new InMemoryDeadlineScheduler(TimeProvider.System),
            TimeProvider.System, new GameSessionOptions());
        var created = await games.CreateSessionAsync(BluffCartridge.GameKey, null);
        Assert.Equal(ErrorCodes.Unavailable, created.Error!.Code);
        Assert.Equal(ErrorKind.Unavailable, created.Error.Kind);
    }

    [Fact]
    public async Task ASessionOfAGameThisInstanceDoesNotHaveIsUnavailableHereAndTheLogSaysWhy()
    {
        Assert.True(await _store.TryCreateAsync(NewSession("GHJK")));
        // An instance of a version without the game, as during a rolling upgrade that removes or renames one.
        var logs = new LogCapture();
        using var loggers = new LoggerFactory([logs]);
        var older = InstanceStore(new CartridgeRegistry([]), loggers.CreateLogger<RedisSessionStore>());

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(async () => await older.GetAsync("GHJK"));

        var warning = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("GHJK", warning.Message, StringComparison.Ordinal);
        Assert.Contains("no game 'bluff'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitThroughAnyInstanceDeletesTheSessionsKeys()
    {
        await using var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, _prefix);
        await using var b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, _prefix);
        var created = await a.CreateBluffAsync(new BluffSettings(LieSeconds: 60));
        await b.JoinAsync(created.Code, "Ada");
        await b.JoinAsync(created.Code, "Bo");
        Assert.True((await a.Games.PlayAsync(created.Code, created.OwnerToken)).IsSuccess);
        var db = a.App.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        Assert.True(await db.KeyExistsAsync(_prefix + "session:" + created.Code));
        Assert.NotNull(await db.SortedSetScoreAsync(_prefix + "deadlines", created.Code));

        Assert.True((await b.Games.ExitAsync(created.Code, created.OwnerToken)).IsSuccess);

        Assert.False(await db.KeyExistsAsync(_prefix + "session:" + created.Code));
        Assert.Null(await db.SortedSetScoreAsync(_prefix + "deadlines", created.Code));
        Assert.Equal(ErrorCodes.SessionNotFound, (await a.Games.GetViewAsync(created.Code, (string?)null)).Error!.Code);
        await a.WaitForEventAsync(created.Code, e => e.Type == EventTypes.SessionEnded, what: "session.ended on the other instance");
    }

    // A store as one instance has: each call is another instance, on the same Redis and prefix.
    private RedisSessionStore InstanceStore(CartridgeRegistry? games = null, ILogger<RedisSessionStore>? logger = null) =>
        new(_redis, new RedisKeys(_prefix), new SessionCodec(games ?? Registry.Value), TimeProvider.System, TestAvailability.Of(_redis),
            logger ?? NullLogger<RedisSessionStore>.Instance);

    private static Session NewSession(string code)
    {
        var now = DateTimeOffset.UtcNow;
        return new Session
        {
            Code = code,
            GameKey = BluffCartridge.GameKey,
            Version = 1,
            Seq = 1,
            Status = SessionStatus.Lobby,
            OwnerTokenHash = "owner-hash",
            Settings = BluffSettings.Default,
            Seed = 42,
            CreatedAt = now,
            LastActivityAt = now,
            ExpiresAt = now.AddHours(2),
            Kicked = ImmutableHashSet<string>.Empty,
        };
    }

    private static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
