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

    /// <summary>Game events crossing instances.</summary>
    public RedisChannel Events { get; } = RedisChannel.Literal(prefix + "events");

    /// <summary>"A deadline was set": instances re-arm their timers.</summary>
    public RedisChannel DeadlineNotices { get; } = RedisChannel.Literal(prefix + "deadlines");

    /// <summary>The SignalR backplane's channel prefix.</summary>
    public RedisChannel SignalR { get; } = RedisChannel.Literal(prefix + "signalr");
}
