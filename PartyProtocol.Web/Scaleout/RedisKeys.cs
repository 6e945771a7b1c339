using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>The names of every key and channel, all under one prefix.</summary>
internal sealed class RedisKeys(string prefix)
{
    /// <summary>The prefix of session keys (the Lua scripts append the room code).</summary>
    public string SessionPrefix { get; } = prefix + "session:";

    /// <summary>A session: a hash of version, seq, timer, due and the JSON data, expiring with the session.</summary>
    public RedisKey Session(string code) => SessionPrefix + code;

    /// <summary>The sorted set of pending deadlines: member = room code, score = due time in Redis ms.</summary>
    public RedisKey Deadlines { get; } = prefix + "deadlines";

    /// <summary>A session's presence: a hash of "playerId|instanceId" → that instance's connection count.</summary>
    public RedisKey Presence(string code) => prefix + "presence:" + code;

    /// <summary>Live instances: a sorted set of instance id → last heartbeat in Redis ms.</summary>
    public RedisKey Instances { get; } = prefix + "instances";

    /// <summary>The "code|playerId" entries an instance has presence for, so a dead instance's can be cleared.</summary>
    public RedisKey InstancePresence(string instanceId) => prefix + "instance:" + instanceId + ":presence";

    /// <summary>A room's audience: a hash of open, cap, members, latest (the latest vote's key) and closed:&lt;vote key&gt;.</summary>
    public RedisKey AudienceRoom(string code) => prefix + "audience:" + code;

    /// <summary>The audience members who voted in one vote: a hash of audience id → choice.</summary>
    public RedisKey AudienceVoters(string code, string voteKey) => prefix + "audience:" + code + ":voters:" + voteKey;

    /// <summary>The prefix of a room's vote counts (the snapshot script appends the vote's key).</summary>
    public string AudienceCountsPrefix(string code) => prefix + "audience:" + code + ":counts:";

    /// <summary>One vote's counts: a hash of choice → votes.</summary>
    public RedisKey AudienceCounts(string code, string voteKey) => AudienceCountsPrefix(code) + voteKey;

    /// <summary>Game events crossing instances.</summary>
    public RedisChannel Events { get; } = RedisChannel.Literal(prefix + "events");

    /// <summary>"A deadline was set": instances re-arm their timers.</summary>
    public RedisChannel DeadlineNotices { get; } = RedisChannel.Literal(prefix + "deadlines");

    /// <summary>The Data Protection key ring every instance shares: a list of XML key elements.</summary>
    public RedisKey DataProtectionKeys { get; } = prefix + "dataprotection-keys";

    /// <summary>Held (briefly, with a lease) by the one instance that creates the first key of an empty ring.</summary>
    public RedisKey DataProtectionFirstKeyLock { get; } = prefix + "dataprotection-keys:first";

    /// <summary>The SignalR backplane's channel prefix.</summary>
    public RedisChannel SignalR { get; } = RedisChannel.Literal(prefix + "signalr");
}
