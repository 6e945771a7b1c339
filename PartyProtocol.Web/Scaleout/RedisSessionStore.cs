using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using PartyProtocol.Core.Sessions;
using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>
/// The multi-instance session store: one Redis hash per session, written only by Lua scripts that compare the
/// version and set the data, the seq, the deadline and the expiry in one step. Keys expire with
/// <see cref="Session.ExpiresAt"/>, so abandoned sessions vanish; deleting a session removes its deadline too.
/// The instance keeps the last copy of each session it wrote or read: a read asks Redis whether that copy is still
/// the very write Redis holds (same version and same per-write revision), and only transfers and decodes the data
/// when it is not. The copies are dropped whenever Redis answers again after an outage, since Redis may have come
/// back with less than it had acknowledged. Every call goes through <see cref="RedisAvailability"/>: while Redis is
/// unavailable it fails at once.
/// </summary>
internal sealed class RedisSessionStore : ISessionStore
{
    private static readonly RedisValue SeqField = "seq";
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Session> _copies = new(StringComparer.Ordinal);
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeys _keys;
    private readonly SessionCodec _codec;
    private readonly TimeProvider _time;
    private readonly RedisAvailability _availability;
    private readonly ILogger<RedisSessionStore> _logger;
    private long _nextSweepTicks;
    private long _readsFromCopy;

    public RedisSessionStore(IConnectionMultiplexer redis, RedisKeys keys, SessionCodec codec, TimeProvider time, RedisAvailability availability,
        ILogger<RedisSessionStore> logger)
    {
        _logger = logger;
        _redis = redis;
        _keys = keys;
        _codec = codec;
        _time = time;
        _availability = availability;
        availability.Restored += _copies.Clear;
    }

    /// <summary>Reads answered with the copy this instance held (Redis confirmed it current).</summary>
    public long ReadsFromCopy => Interlocked.Read(ref _readsFromCopy);

    /// <summary>Sessions this instance holds a copy of.</summary>
    public int Copies => _copies.Count;

    public async ValueTask<Session?> GetAsync(string code, CancellationToken cancellationToken = default)
    {
        SweepExpiredCopies();
        var copy = _copies.GetValueOrDefault(code);
        var result = await _availability.RunAsync(() => Database.ScriptEvaluateAsync(RedisScripts.Read, [_keys.Session(code)],
            copy is null ? [RedisValue.EmptyString, RedisValue.EmptyString] : [Text(copy.Version), copy.Revision]));
        if (result.IsNull)
        {
            _copies.TryRemove(code, out _);
            return null;
        }

        if (copy is not null && result.Resp2Type == ResultType.Integer)
        {
            Interlocked.Increment(ref _readsFromCopy);
            return copy;
        }

        var stored = (RedisResult[])result!;
        Session session;
        try
        {
            session = _codec.Decode((byte[])stored[0]!) with { Revision = (string)stored[1]! };
        }
        catch (SessionStoreUnavailableException ex)
        {
            // Answered `unavailable` (another instance may read it, e.g. during a rolling upgrade); the operator must see why.
            _logger.LogWarning(ex, "Session {Code} is in Redis but this instance cannot read it: {Reason}", code, ex.Message);
            throw;
        }

        _copies[code] = session;
        return session;
    }

    /// <summary>The seq of the session's last event, or null when the session does not exist.</summary>
    public async ValueTask<long?> GetSeqAsync(string code)
    {
        var seq = await _availability.RunAsync(() => Database.HashGetAsync(_keys.Session(code), SeqField));
        return seq.IsNull ? null : (long)seq;
    }

    public async ValueTask<bool> TryCreateAsync(Session session, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var revision = NewRevision();
        var result = await _availability.RunAsync(fence => Database.ScriptEvaluateAsync(RedisScripts.Create,
            [_keys.Session(session.Code), _keys.Deadlines],
            [
                session.Code,
                Text(session.Version),
                Text(session.Seq),
                _codec.Encode(session),
                Text(TtlMilliseconds(session, now)),
                Text(session.Clock.TimerId),
                RemainingMilliseconds(session.Clock.Due, now),
                _keys.DeadlineNotices.ToString(),
                session.OwnerTokenHash,
                revision,
                fence,
            ]));
        return Remember(session, revision, Written(result));
    }

    /// <summary>
    /// Commits <paramref name="session"/> if Redis still holds the write it was derived from: the version
    /// <paramref name="expectedVersion"/> and the revision <see cref="Session.Revision"/> it carries from its read.
    /// </summary>
    public async ValueTask<bool> TryUpdateAsync(Session session, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var revision = NewRevision();
        var result = await _availability.RunAsync(fence => Database.ScriptEvaluateAsync(RedisScripts.Update,
            [_keys.Session(session.Code), _keys.Deadlines],
            [
                session.Code,
                Text(expectedVersion),
                Text(session.Version),
                Text(session.Seq),
                _codec.Encode(session),
                Text(TtlMilliseconds(session, now)),
                Text(session.Clock.TimerId),
                RemainingMilliseconds(session.Clock.Due, now),
                _keys.DeadlineNotices.ToString(),
                session.Revision,
                revision,
                fence,
            ]));
        return Remember(session, revision, Written(result));
    }

    public async ValueTask DeleteAsync(string code, CancellationToken cancellationToken = default)
    {
        _copies.TryRemove(code, out _);
        var result = await _availability.RunAsync(fence => Database.ScriptEvaluateAsync(RedisScripts.Delete, [_keys.Session(code), _keys.Deadlines], [code, fence]));
        Written(result);
    }

    /// <summary>A deadline as Redis needs it: the time left by this instance's clock ('' for none).</summary>
    internal static RedisValue RemainingMilliseconds(DateTimeOffset? deadline, DateTimeOffset now) =>
        deadline is { } due ? Text(Math.Max(0, (long)Math.Ceiling((due - now).TotalMilliseconds))) : RedisValue.EmptyString;

    private IDatabase Database => _redis.GetDatabase();

    // What this instance wrote is the current version until someone else writes; a refused write keeps the old copy,
    // which the next read replaces.
    private bool Remember(Session session, string revision, bool written)
    {
        if (written)
        {
            _copies[session.Code] = session with { Revision = revision };
        }

        return written;
    }

    // 1 written, 0 refused (compare-and-swap); a write that reached Redis after its fence did nothing and fails.
    private static bool Written(RedisResult result) =>
        RedisAvailability.Late(result) ? throw RedisAvailability.TooLate() : (long)result == 1;

    private static string NewRevision() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    // Sessions that expired in Redis (or ended on another instance) leave their copy here; drop the copies past their
    // expiry now and then. A copy whose session was extended elsewhere is dropped too and read again when needed.
    private void SweepExpiredCopies()
    {
        var now = _time.GetUtcNow();
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var (code, copy) in _copies)
        {
            if (copy.ExpiresAt <= now)
            {
                _copies.TryRemove(new KeyValuePair<string, Session>(code, copy));
            }
        }
    }

    // Relative, so the expiry is measured by Redis's clock; at least 1 ms because PEXPIRE 0 deletes at once.
    private static long TtlMilliseconds(Session session, DateTimeOffset now) =>
        Math.Max(1, (long)Math.Ceiling((session.ExpiresAt - now).TotalMilliseconds));

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
