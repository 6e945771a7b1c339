using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartyProtocol.Core.Audience;
using PartyProtocol.Tests.Web.Scaleout;
using PartyProtocol.Web.Scaleout;
using StackExchange.Redis;

namespace PartyProtocol.Tests.Web.Audience;

/// <summary>What every audience store guarantees: the cap, the switch, one vote per member, nothing after the close.</summary>
public abstract class AudienceStoreContract
{
    protected abstract IAudienceStore Store { get; }

    /// <summary>A second instance's view of the same counters (the same store for the in-memory one).</summary>
    protected abstract IAudienceStore OtherInstance { get; }

    [Fact]
    public async Task MembersAreCountedUpToTheCapAndNotAtAllWhileTheAudienceIsOff()
    {
        Assert.Equal(new AudienceRoom(true, AudienceRoom.DefaultCap, 0), await Store.GetRoomAsync("CAPS"));
        await Store.SetRoomAsync("CAPS", open: true, cap: 3);
        var joins = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? Store : OtherInstance).JoinAsync("CAPS").AsTask()));
        Assert.Equal(3, joins.Count(j => j == AudienceJoin.Joined));
        Assert.All(joins.Where(j => j != AudienceJoin.Joined), j => Assert.Equal(AudienceJoin.Full, j));

        await OtherInstance.SetRoomAsync("CAPS", open: false, cap: 100);
        Assert.Equal(AudienceJoin.Off, await Store.JoinAsync("CAPS"));
        Assert.Equal(new AudienceRoom(false, 100, 3), await Store.GetRoomAsync("CAPS"));
    }

    [Fact]
    public async Task EachMemberCountsOnceWhicheverInstanceTookTheVoteAndNothingCountsAfterTheClose()
    {
        // 400 members each vote twice, concurrently, half through each instance.
        var votes = Enumerable.Range(0, 800).Select(i =>
            (i % 2 == 0 ? Store : OtherInstance).VoteAsync("VOTE", "guess-1", "u" + (i % 400), i % 400 < 300 ? "a1-2" : "a1-4").AsTask());
        var outcomes = await Task.WhenAll(votes);
        Assert.Equal(400, outcomes.Count(o => o == VoteOutcome.Counted));
        Assert.Equal(400, outcomes.Count(o => o == VoteOutcome.AlreadyVoted));

        var live = await OtherInstance.SnapshotAsync("VOTE");
        Assert.True(live.VoteOpen);
        Assert.Equal(300, live.Vote!.For("a1-2"));

        var final = await Store.CloseAsync("VOTE", "guess-1");
        Assert.Equal(300, final.For("a1-2"));
        Assert.Equal(100, final.For("a1-4"));
        Assert.Equal(0.75, final.ShareOf("a1-2"));
        Assert.Equal(VoteOutcome.Closed, await OtherInstance.VoteAsync("VOTE", "guess-1", "late", "a1-4"));
        Assert.Equal(final.Counts, (await OtherInstance.CloseAsync("VOTE", "guess-1")).Counts);
        var closed = await Store.SnapshotAsync("VOTE");
        Assert.False(closed.VoteOpen);
        Assert.Equal(400, closed.Vote!.Total);

        // The next vote starts empty and open.
        Assert.Equal(VoteOutcome.Counted, await Store.VoteAsync("VOTE", "guess-2", "u1", "a2-1"));
        Assert.Equal("guess-2", (await OtherInstance.SnapshotAsync("VOTE")).Vote!.Key);
    }

    [Fact]
    public async Task NoVoteCountsWhileTheHostHasTheAudienceOffAndVotesCountAgainWhenItIsBack()
    {
        Assert.Equal(VoteOutcome.Counted, await Store.VoteAsync("SHUT", "guess-1", "u1", "a1-1"));
        await OtherInstance.SetRoomAsync("SHUT", open: false, cap: AudienceRoom.DefaultCap);
        Assert.Equal(VoteOutcome.Off, await Store.VoteAsync("SHUT", "guess-1", "u2", "a1-1"));
        Assert.Equal(1, (await OtherInstance.SnapshotAsync("SHUT")).Vote!.Total);

        await Store.SetRoomAsync("SHUT", open: true, cap: AudienceRoom.DefaultCap);
        Assert.Equal(VoteOutcome.Counted, await OtherInstance.VoteAsync("SHUT", "guess-1", "u2", "a1-1"));
        Assert.Equal(2, (await Store.SnapshotAsync("SHUT")).Vote!.Total);
    }

    [Fact]
    public async Task AForgottenRoomStartsAfresh()
    {
        await Store.SetRoomAsync("GONE", open: false, cap: 5);
        await Store.ForgetAsync("GONE");
        Assert.Equal(new AudienceRoom(true, AudienceRoom.DefaultCap, 0), await OtherInstance.GetRoomAsync("GONE"));
    }
}

public sealed class InMemoryAudienceStoreTests : AudienceStoreContract
{
    private readonly InMemoryAudienceStore _store = new();

    protected override IAudienceStore Store => _store;

    protected override IAudienceStore OtherInstance => _store;
}

/// <summary>The Redis store against the real redis-server, two instances with their own connections.</summary>
[Collection(ScaleoutCollection.Name)]
public sealed class RedisAudienceStoreTests : AudienceStoreContract, IAsyncLifetime
{
    private readonly string _prefix = ScaleoutInstance.NewKeyPrefix();
    private ConnectionMultiplexer _one = null!;
    private ConnectionMultiplexer _two = null!;
    private IAudienceStore _store = null!;
    private IAudienceStore _other = null!;

    protected override IAudienceStore Store => _store;

    protected override IAudienceStore OtherInstance => _other;

    public async Task InitializeAsync()
    {
        _one = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Configure(RedisTestServer.SharedConnectionString));
        _two = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Configure(RedisTestServer.SharedConnectionString));
        var options = Options.Create(new RedisScaleoutOptions { KeyPrefix = _prefix });
        _store = new RedisAudienceStore(_one, new RedisKeys(_prefix), new RedisAvailability(_one, options, TimeProvider.System, NullLogger<RedisAvailability>.Instance));
        _other = new RedisAudienceStore(_two, new RedisKeys(_prefix), new RedisAvailability(_two, options, TimeProvider.System, NullLogger<RedisAvailability>.Instance));
    }

    public async Task DisposeAsync()
    {
        await _one.DisposeAsync();
        await _two.DisposeAsync();
    }
}
