using System.Collections.Immutable;
using System.Globalization;
using PartyProtocol.Core.Audience;
using PartyProtocol.Core.Engine;
using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>
/// The audience's counters in Redis, shared by every instance. Each operation is one script, atomic and commutative:
/// a join increments the member count below the cap, a vote records the member once (HSETNX) and increments its
/// choice's count unless the audience is off or the vote was closed, and closing marks the vote closed and returns its counts — so a vote either
/// counted before the close or is refused, whichever instance took it. Keys expire some hours after the last write.
/// Calls go through <see cref="RedisAvailability"/>, so an outage refuses them at once (<c>unavailable</c>).
/// </summary>
internal sealed class RedisAudienceStore(IConnectionMultiplexer redis, RedisKeys keys, RedisAvailability availability)
    : IAudienceStore
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);

    private static readonly LuaScript Join = LuaScript.Prepare("""
        local open = redis.call('HGET', @room, 'open')
        if open == '0' then return -1 end
        local cap = tonumber(redis.call('HGET', @room, 'cap') or @cap)
        local members = tonumber(redis.call('HGET', @room, 'members') or '0')
        if members >= cap then return -2 end
        redis.call('HINCRBY', @room, 'members', 1)
        redis.call('PEXPIRE', @room, @ttl)
        return members + 1
        """);

    private static readonly LuaScript Vote = LuaScript.Prepare("""
        if redis.call('HGET', @room, 'open') == '0' then return -2 end
        if redis.call('HEXISTS', @room, 'closed:' .. @key) == 1 then return -1 end
        if redis.call('HSETNX', @voters, @id, @choice) == 0 then return 0 end
        redis.call('HINCRBY', @counts, @choice, 1)
        redis.call('HSET', @room, 'latest', @key)
        redis.call('PEXPIRE', @voters, @ttl)
        redis.call('PEXPIRE', @counts, @ttl)
        redis.call('PEXPIRE', @room, @ttl)
        return 1
        """);

    private static readonly LuaScript Close = LuaScript.Prepare("""
        redis.call('HSET', @room, 'closed:' .. @key, '1', 'latest', @key)
        redis.call('PEXPIRE', @room, @ttl)
        redis.call('DEL', @voters)
        return redis.call('HGETALL', @counts)
        """);

    private static readonly LuaScript Snapshot = LuaScript.Prepare("""
        local room = redis.call('HMGET', @room, 'members', 'latest')
        local latest = room[2]
        if not latest then return { room[1] or '0', '', '0' } end
        local closed = redis.call('HEXISTS', @room, 'closed:' .. latest)
        local result = { room[1] or '0', latest, tostring(closed) }
        local counts = redis.call('HGETALL', @prefix .. latest)
        for i = 1, #counts do result[#result + 1] = counts[i] end
        return result
        """);

    public async ValueTask<AudienceRoom> GetRoomAsync(string code, CancellationToken cancellationToken = default)
    {
        var values = await availability.RunAsync(() => Database.HashGetAsync(keys.AudienceRoom(code), ["open", "cap", "members"]));
        return new AudienceRoom(
            values[0] != "0",
            values[1].IsNull ? AudienceRoom.DefaultCap : (int)values[1],
            values[2].IsNull ? 0 : (long)values[2]);
    }

    public async ValueTask<AudienceRoom> SetRoomAsync(string code, bool open, int cap, CancellationToken cancellationToken = default)
    {
        var room = keys.AudienceRoom(code);
        await availability.RunAsync(async () =>
        {
            var batch = Database.CreateTransaction();
            _ = batch.HashSetAsync(room, [new("open", open ? "1" : "0"), new("cap", cap)]);
            _ = batch.KeyExpireAsync(room, Lifetime);
            return await batch.ExecuteAsync();
        });
        return await GetRoomAsync(code, cancellationToken);
    }

    public async ValueTask<AudienceJoin> JoinAsync(string code, CancellationToken cancellationToken = default)
    {
        var result = (long)await availability.RunAsync(() => Database.ScriptEvaluateAsync(Join,
            new { room = keys.AudienceRoom(code), cap = AudienceRoom.DefaultCap, ttl = (long)Lifetime.TotalMilliseconds }));
        return result switch
        {
            -1 => AudienceJoin.Off,
            -2 => AudienceJoin.Full,
            _ => AudienceJoin.Joined,
        };
    }

    public async ValueTask<VoteOutcome> VoteAsync(string code, string key, string audienceId, string choice, CancellationToken cancellationToken = default)
    {
        var result = (long)await availability.RunAsync(() => Database.ScriptEvaluateAsync(Vote, new
        {
            room = keys.AudienceRoom(code),
            voters = keys.AudienceVoters(code, key),
            counts = keys.AudienceCounts(code, key),
            key,
            id = audienceId,
            choice,
            ttl = (long)Lifetime.TotalMilliseconds,
        }));
        return result switch
        {
            -2 => VoteOutcome.Off,
            -1 => VoteOutcome.Closed,
            0 => VoteOutcome.AlreadyVoted,
            _ => VoteOutcome.Counted,
        };
    }

    public async ValueTask<AudienceTally> CloseAsync(string code, string key, CancellationToken cancellationToken = default)
    {
        var result = await availability.RunAsync(() => Database.ScriptEvaluateAsync(Close, new
        {
            room = keys.AudienceRoom(code),
            voters = keys.AudienceVoters(code, key),
            counts = keys.AudienceCounts(code, key),
            key,
            ttl = (long)Lifetime.TotalMilliseconds,
        }));
        return new AudienceTally(key, ReadCounts((RedisResult[])result!, 0));
    }

    public async ValueTask<AudienceSnapshot> SnapshotAsync(string code, CancellationToken cancellationToken = default)
    {
        var result = (RedisResult[])(await availability.RunAsync(() => Database.ScriptEvaluateAsync(Snapshot, new
        {
            room = keys.AudienceRoom(code),
            prefix = keys.AudienceCountsPrefix(code),
        })))!;
        var members = long.Parse((string)result[0]!, CultureInfo.InvariantCulture);
        var latest = (string)result[1]!;
        return latest.Length == 0
            ? new AudienceSnapshot(members, null, false)
            : new AudienceSnapshot(members, new AudienceTally(latest, ReadCounts(result, 3)), (string)result[2]! == "0");
    }

    public async ValueTask ForgetAsync(string code, CancellationToken cancellationToken = default)
    {
        // The vote keys expire on their own; the room goes now, so a code reused later starts afresh.
        await availability.RunAsync(() => Database.KeyDeleteAsync(keys.AudienceRoom(code)));
    }

    private static ImmutableDictionary<string, int> ReadCounts(RedisResult[] values, int from)
    {
        var counts = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        for (var i = from; i + 1 < values.Length; i += 2)
        {
            counts[(string)values[i]!] = (int)values[i + 1];
        }

        return counts.ToImmutable();
    }

    private IDatabase Database => redis.GetDatabase();
}
