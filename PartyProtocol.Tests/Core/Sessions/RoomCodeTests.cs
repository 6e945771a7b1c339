using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Sessions;

public sealed class RoomCodeTests
{
    [Fact]
    public void CodesAreFourCapitalLettersFromAnAlphabetWithoutLookAlikes()
    {
        Assert.Equal(23, RoomCodes.Alphabet.Length);
        Assert.All("ILO01", c => Assert.DoesNotContain(c, RoomCodes.Alphabet));

        var codes = Enumerable.Range(0, 20_000).Select(_ => RoomCodes.Next()).ToList();

        Assert.All(codes, code =>
        {
            Assert.Equal(4, code.Length);
            Assert.All(code, c => Assert.Contains(c, RoomCodes.Alphabet));
        });
        // Every letter of the alphabet is used (80 000 letters drawn, each letter expected about 3 500 times).
        Assert.Equal(RoomCodes.Alphabet.Order(), codes.SelectMany(c => c).Distinct().Order());
    }

    [Fact]
    public void TheBlocklistHoldsOffensiveWordsTheAlphabetCanSpell()
    {
        Assert.Contains("FUCK", RoomCodes.Blocklist);
        Assert.Contains("CUNT", RoomCodes.Blocklist);
        Assert.Contains("RAPE", RoomCodes.Blocklist);
        Assert.All(RoomCodes.Blocklist, word => Assert.Equal(4, word.Length));
    }

    [Fact]
    public void TheGeneratorNeverSpellsABlocklistedWord()
    {
        var spellable = RoomCodes.Blocklist.Count(w => w.All(RoomCodes.Alphabet.Contains));
        Assert.True(spellable >= 40, $"Only {spellable} blocklisted words can be spelled; the draw below would prove too little.");

        // 23^4 = 279 841 codes. Were the blocklist not consulted, 300 000 draws would hit each spellable word about
        // 1.07 times: about 40 hits expected, and the chance of none at all is below e^-40.
        var hits = Enumerable.Range(0, 300_000).Select(_ => RoomCodes.Next()).Where(RoomCodes.Blocklist.Contains).ToList();

        Assert.Empty(hits);
    }

    [Fact]
    public async Task ACodeHeldByALiveSessionIsNeverGivenAgain()
    {
        using var engine = new TestEngine();
        using var scheduler = new InMemoryDeadlineScheduler(engine.Time);
        var store = new SquattingStore(engine.Store, squats: 5);
        var service = new GameService(engine.Registry, store, engine.Bus, scheduler, engine.Time, new GameSessionOptions());

        var created = await service.CreateSessionAsync(BluffCartridge.GameKey, null).OkAsync();

        // The first five codes drawn were already taken by other live games: the service drew again each time.
        Assert.Equal(5, store.Squatted.Count);
        Assert.DoesNotContain(created.Code, store.Squatted);
        Assert.Equal(6, engine.Store.Count);
        foreach (var code in store.Squatted)
        {
            Assert.Equal(SquattingStore.SquatterHash, (await engine.Store.GetAsync(code))!.OwnerTokenHash);
        }
    }

    [Fact]
    public async Task WhenNoFreeCodeCanBeFoundCreatingIsRefusedAsBusy()
    {
        using var engine = new TestEngine();
        using var scheduler = new InMemoryDeadlineScheduler(engine.Time);
        var store = new SquattingStore(engine.Store, squats: int.MaxValue);
        var service = new GameService(engine.Registry, store, engine.Bus, scheduler, engine.Time, new GameSessionOptions());

        var error = await service.CreateSessionAsync(BluffCartridge.GameKey, null).RefusedAsync(ErrorCodes.Busy);

        Assert.Equal(ErrorKind.TooManyRequests, error.Kind);
        Assert.Equal(64, store.Attempts);
        Assert.Equal(store.Squatted.Count, engine.Store.Count);
    }

    [Fact]
    public async Task TheStoreRefusesASecondLiveSessionWithTheSameCodeButReusesAnExpiredOne()
    {
        using var engine = new TestEngine();
        var created = await engine.Service.CreateSessionAsync(BluffCartridge.GameKey, null).OkAsync();
        var live = (await engine.Store.GetAsync(created.Code))!;

        Assert.False(await engine.Store.TryCreateAsync(live with { OwnerTokenHash = "other" }));

        engine.Time.Advance(TimeSpan.FromHours(2));
        Assert.True(await engine.Store.TryCreateAsync(live with { OwnerTokenHash = "other", ExpiresAt = engine.Time.GetUtcNow().AddHours(2) }));
        Assert.Equal("other", (await engine.Store.GetAsync(created.Code))!.OwnerTokenHash);
    }

    [Fact]
    public async Task ACodeTypedInLowerCaseFindsTheSession()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann");
        var typed = " " + game.Code.ToLowerInvariant() + " ";

        var view = await engine.Service.GetViewAsync(typed, (string?)null).OkAsync();
        var joined = await engine.Service.JoinAsync(typed, "Bob", null).OkAsync();
        await engine.Service.PlayAsync(typed, game.OwnerToken).OkAsync();

        Assert.Equal(game.Code, view.Code);
        Assert.Equal("Bob", joined.Name);
        Assert.Equal("playing", (await game.ViewAsync()).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AB")]
    [InlineData("ABCDE")]
    [InlineData("AB1D")]
    [InlineData("ABLO")]
    public async Task SomethingThatCannotBeACodeFindsNoSession(string code)
    {
        using var engine = new TestEngine();

        await engine.Service.GetViewAsync(code, (string?)null).RefusedAsync(ErrorCodes.SessionNotFound);
        await engine.Service.JoinAsync(code, "Ann", null).RefusedAsync(ErrorCodes.SessionNotFound);
    }

    /// <summary>
    /// The real in-memory store, except that the first <paramref name="squats"/> codes the service tries are taken by
    /// another live game just before its attempt — the collision a busy server would eventually produce.
    /// </summary>
    private sealed class SquattingStore(InMemorySessionStore inner, int squats) : ISessionStore
    {
        public const string SquatterHash = "squatter";

        public List<string> Squatted { get; } = [];

        public int Attempts { get; private set; }

        public ValueTask<Session?> GetAsync(string code, CancellationToken cancellationToken = default) => inner.GetAsync(code, cancellationToken);

        public async ValueTask<bool> TryCreateAsync(Session session, CancellationToken cancellationToken = default)
        {
            Attempts++;
            if (Squatted.Count < squats && await inner.TryCreateAsync(session with { OwnerTokenHash = SquatterHash }, cancellationToken))
            {
                Squatted.Add(session.Code);
            }

            return await inner.TryCreateAsync(session, cancellationToken);
        }

        public ValueTask<bool> TryUpdateAsync(Session session, long expectedVersion, CancellationToken cancellationToken = default) =>
            inner.TryUpdateAsync(session, expectedVersion, cancellationToken);

        public ValueTask DeleteAsync(string code, CancellationToken cancellationToken = default) => inner.DeleteAsync(code, cancellationToken);
    }
}
