using System.Globalization;
using PartyProtocol.Core.Sessions;
using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>
/// The multi-instance session store: one Redis hash per session, written only by Lua scripts that compare the
/// version and set the data, the seq, the deadline and the expiry in one step. Keys expire with
/// <see cref="Session.ExpiresAt"/>, so abandoned sessions vanish; deleting a session removes its deadline too.
/// </summary>
internal sealed class RedisSessionStore(IConnectionMultiplexer redis, RedisKeys keys, SessionCodec codec, TimeProvider time) : ISessionStore
{
    private static readonly RedisValue DataField = "data";
    private static readonly RedisValue SeqField = "seq";

    public async ValueTask<Session?> GetAsync(string code, CancellationToken cancellationToken = default)
    {
        var data = await RedisFaults.GuardAsync(() => Database.HashGetAsync(keys.Session(code), DataField));
        return data.IsNull ? null : codec.Decode((ReadOnlyMemory<byte>)data);
    }

    /// <summary>The seq of the session's last event, or null when the session does not exist.</summary>
    public async ValueTask<long?> GetSeqAsync(string code)
    {
        var seq = await RedisFaults.GuardAsync(() => Database.HashGetAsync(keys.Session(code), SeqField));
        return seq.IsNull ? null : (long)seq;
    }

    public async ValueTask<bool> TryCreateAsync(Session session, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var result = await RedisFaults.GuardAsync(() => Database.ScriptEvaluateAsync(RedisScripts.Create,
            [keys.Session(session.Code), keys.Deadlines],
            [
                session.Code,
                Text(session.Version),
                Text(session.Seq),
                codec.Encode(session),
                Text(TtlMilliseconds(session, now)),
                Text(session.Clock.TimerId),
                RemainingMilliseconds(session.Clock.Deadline, now),
                keys.DeadlineNotices.ToString(),
            ]));
        return (long)result == 1;
    }

    public async ValueTask<bool> TryUpdateAsync(Session session, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var result = await RedisFaults.GuardAsync(() => Database.ScriptEvaluateAsync(RedisScripts.Update,
            [keys.Session(session.Code), keys.Deadlines],
            [
                session.Code,
                Text(expectedVersion),
                Text(session.Version),
                Text(session.Seq),
                codec.Encode(session),
                Text(TtlMilliseconds(session, now)),
                Text(session.Clock.TimerId),
                RemainingMilliseconds(session.Clock.Deadline, now),
                keys.DeadlineNotices.ToString(),
            ]));
        return (long)result == 1;
    }

    public async ValueTask DeleteAsync(string code, CancellationToken cancellationToken = default) =>
        await RedisFaults.GuardAsync(() => Database.ScriptEvaluateAsync(RedisScripts.Delete, [keys.Session(code), keys.Deadlines], [code]));

    /// <summary>A deadline as Redis needs it: the time left by this instance's clock ('' for none).</summary>
    internal static RedisValue RemainingMilliseconds(DateTimeOffset? deadline, DateTimeOffset now) =>
        deadline is { } due ? Text(Math.Max(0, (long)Math.Ceiling((due - now).TotalMilliseconds))) : RedisValue.EmptyString;

    private IDatabase Database => redis.GetDatabase();

    // Relative, so the expiry is measured by Redis's clock; at least 1 ms because PEXPIRE 0 deletes at once.
    private static long TtlMilliseconds(Session session, DateTimeOffset now) =>
        Math.Max(1, (long)Math.Ceiling((session.ExpiresAt - now).TotalMilliseconds));

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
