using Microsoft.Extensions.Options;
using PartyProtocol.Core.Sessions;
using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>
/// Whether this instance can use Redis right now, decided by a probe (<c>TIME</c>) every 200 ms: Redis counts as
/// unavailable when the connection is down or a probe stays unanswered for <see cref="RedisScaleoutOptions.StallTimeout"/>
/// — a stalled Redis keeps its sockets open and answers nothing, so without this every call would wait for the
/// client's 5 s timeout. While it is unavailable every call through <see cref="RunAsync{T}(Func{RedisValue, Task{T}})"/>
/// fails at once, calls already waiting are released, and the first answered probe restores it and raises
/// <see cref="Restored"/>, so the loops pick up at once instead of at their next back-off. What Redis said goes to
/// the log, never to callers.
/// <para>
/// A released call is still on its way to Redis, which runs it when it resumes: a commit the caller was told failed
/// would then apply, and a deadline claim would lease a deadline for a caller that gave up. So every write script
/// gets a fence, the latest Redis time at which it may still act (the probe keeps an estimate of Redis's clock), and
/// does nothing when it runs later; a released call reports its failure only once its fence has passed.
/// </para>
/// </summary>
internal sealed class RedisAvailability : BackgroundService
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(200);

    // A probe slower than this says little about Redis's clock; its reading is not used for the fence.
    private static readonly TimeSpan ClockReadingLimit = TimeSpan.FromMilliseconds(50);

    // A probe's timeout that fires this much later than asked shows this process was starved of CPU, not that Redis
    // was silent: the probe is inconclusive, and another one is sent.
    private static readonly TimeSpan LateTimerTolerance = TimeSpan.FromMilliseconds(250);

    private readonly IConnectionMultiplexer _redis;
    private readonly TimeProvider _time;
    private readonly TimeSpan _stallTimeout;
    private readonly ILogger<RedisAvailability> _logger;
    private readonly WakeSignal _probeNow = new();
    private readonly Lock _gate = new();
    private CancellationTokenSource _lost = new();
    private bool _available;
    private long _unavailableSinceTicks;
    private long _restoredAtTicks;
    private int _outages;
    private long _clockOffsetMilliseconds = long.MinValue;

    public RedisAvailability(IConnectionMultiplexer redis, IOptions<RedisScaleoutOptions> options, TimeProvider time, ILogger<RedisAvailability> logger)
    {
        _redis = redis;
        _time = time;
        _stallTimeout = options.Value.StallTimeout;
        _logger = logger;
        Pulse = new LoopPulse("The Redis availability probe", time);
        _available = redis.IsConnected;
        if (!_available)
        {
            _unavailableSinceTicks = time.GetUtcNow().UtcTicks;
            _lost.Cancel();
        }

        redis.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                MarkUnavailable(e.Exception, "the connection was lost");
            }
        };
        redis.ConnectionRestored += (_, _) => _probeNow.Set();
    }

    /// <summary>Raised once each time Redis answers again after being unavailable (handlers must be quick).</summary>
    public event Action? Restored;

    public LoopPulse Pulse { get; }

    public bool IsAvailable
    {
        get
        {
            lock (_gate)
            {
                return _available;
            }
        }
    }

    /// <summary>Since when Redis has been unavailable (null while it answers).</summary>
    public DateTimeOffset? UnavailableSince
    {
        get
        {
            lock (_gate)
            {
                return _available ? null : new DateTimeOffset(_unavailableSinceTicks, TimeSpan.Zero);
            }
        }
    }

    /// <summary>When Redis last answered again after being unavailable (null if it never was).</summary>
    public DateTimeOffset? LastRestored
    {
        get
        {
            var ticks = Interlocked.Read(ref _restoredAtTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>How many times Redis became unavailable since the start (a call that saw this change met an outage).</summary>
    public int Outages => Volatile.Read(ref _outages);

    /// <summary>The round trip of the last answered probe.</summary>
    public TimeSpan LastLatency { get; private set; }

    /// <summary>
    /// Runs one Redis call, handing it its fence: the latest Redis time (ms, as text) at which a write script may
    /// still act, or empty while Redis's clock is not known yet. While Redis is unavailable the call fails at once; a
    /// call in flight when Redis becomes unavailable is released as soon as its fence has passed, so what it sent can
    /// no longer take effect when Redis resumes.
    /// </summary>
    /// <exception cref="SessionStoreUnavailableException">Redis is unavailable; the message says nothing about Redis.</exception>
    public async Task<T> RunAsync<T>(Func<RedisValue, Task<T>> operation)
    {
        CancellationToken lost;
        lock (_gate)
        {
            if (!_available)
            {
                throw Unavailable(null);
            }

            lost = _lost.Token;
        }

        var sent = _time.GetUtcNow();
        var offset = Interlocked.Read(ref _clockOffsetMilliseconds);
        var fence = offset == long.MinValue
            ? RedisValue.EmptyString
            : (RedisValue)(sent.ToUnixTimeMilliseconds() + offset + (long)_stallTimeout.TotalMilliseconds);
        Task<T>? call = null;
        try
        {
            call = operation(fence);
            return await call.WaitAsync(lost);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            Observe(call);
            var fenced = sent + _stallTimeout - _time.GetUtcNow();
            if (fenced > TimeSpan.Zero)
            {
                await Task.Delay(fenced, _time);
            }

            throw Unavailable(null);
        }
        catch (Exception ex) when (CausedByOutage(ex))
        {
            MarkUnavailable(ex, "a call failed");
            throw Unavailable(ex);
        }
    }

    /// <summary>Runs one Redis call that needs no fence (a read); see <see cref="RunAsync{T}(Func{RedisValue, Task{T}})"/>.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> operation) => RunAsync(_ => operation());

    /// <summary>Runs one Redis call that returns nothing; see <see cref="RunAsync{T}(Func{RedisValue, Task{T}})"/>.</summary>
    public Task RunAsync(Func<Task> operation) => RunAsync(async _ =>
    {
        await operation();
        return true;
    });

    /// <summary>A write script's answer that it ran after its fence and did nothing.</summary>
    public static bool Late(RedisResult result) => result.Resp2Type == ResultType.Integer && (long)result == RedisScripts.Late;

    /// <summary>The failure of a write that reached Redis after its fence.</summary>
    public static SessionStoreUnavailableException TooLate() => new("Redis answered too late; nothing was written.");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        BackgroundLoop.RunAsync(Pulse, ProbeAsync, _probeNow.WaitAsync, ProbeInterval, _time, _logger, stoppingToken);

    private async Task<TimeSpan> ProbeAsync(CancellationToken stoppingToken)
    {
        if (!_redis.IsConnected)
        {
            MarkUnavailable(null, "there is no connection");
            return ProbeInterval;
        }

        var sent = _time.GetUtcNow();
        var answeredBefore = Answered();
        var probe = _redis.GetDatabase().ExecuteAsync("TIME");
        try
        {
            var time = (RedisResult[])(await probe.WaitAsync(_stallTimeout, _time, stoppingToken))!;
            var received = _time.GetUtcNow();
            LastLatency = received - sent;
            if (LastLatency <= ClockReadingLimit)
            {
                var redisNow = ((long)time[0] * 1000) + ((long)time[1] / 1000);
                var localNow = (sent + (LastLatency / 2)).ToUnixTimeMilliseconds();
                Interlocked.Exchange(ref _clockOffsetMilliseconds, redisNow - localNow);
            }

            MarkAvailable();
        }
        catch (TimeoutException)
        {
            Observe(probe);
            // Only silence counts: if this process was too busy to notice the answer in time (its timer fired late, or
            // Redis answered other calls meanwhile), Redis is not the one stalling.
            var waited = _time.GetUtcNow() - sent;
            if (waited > _stallTimeout + LateTimerTolerance || Answered() != answeredBefore)
            {
                _logger.LogDebug("The Redis probe took {Milliseconds:0} ms while this process was busy; probing again.", waited.TotalMilliseconds);
                return TimeSpan.Zero;
            }

            MarkUnavailable(null, $"the probe was not answered within {_stallTimeout.TotalMilliseconds:0} ms");
        }
        catch (Exception ex) when (CausedByOutage(ex))
        {
            MarkUnavailable(ex, "the probe failed");
        }

        return ProbeInterval;
    }

    // How many answers the interactive connection has processed, and how many are waiting for a thread to complete them.
    private long Answered()
    {
        long answered = 0;
        foreach (var endpoint in _redis.GetEndPoints())
        {
            var counters = _redis.GetServer(endpoint).GetCounters().Interactive;
            answered += counters.CompletedSynchronously + counters.CompletedAsynchronously + counters.ResponsesAwaitingAsyncCompletion;
        }

        return answered;
    }

    // An exception Redis's classification calls an outage, or any failure while the connection is known to be down.
    private bool CausedByOutage(Exception ex) => RedisFaults.IsUnavailable(ex) || !_redis.IsConnected;

    private void MarkUnavailable(Exception? ex, string why)
    {
        CancellationTokenSource lost;
        lock (_gate)
        {
            if (!_available)
            {
                return;
            }

            _available = false;
            _unavailableSinceTicks = _time.GetUtcNow().UtcTicks;
            _outages++;
            lost = _lost;
        }

        // Details (endpoints, client names, thread-pool figures) belong here, in the log, and nowhere else.
        _logger.LogWarning(ex, "Redis is unavailable ({Why}); calls fail at once until it answers again.", why);
        lost.Cancel();
        _probeNow.Set();
    }

    private void MarkAvailable()
    {
        DateTimeOffset since;
        lock (_gate)
        {
            if (_available)
            {
                return;
            }

            since = new DateTimeOffset(_unavailableSinceTicks, TimeSpan.Zero);
            _lost = new CancellationTokenSource();
            _available = true;
        }

        var now = _time.GetUtcNow();
        Interlocked.Exchange(ref _restoredAtTicks, now.UtcTicks);
        _logger.LogInformation("Redis answers again after {Seconds:0.0} s.", (now - since).TotalSeconds);
        foreach (var handler in Restored?.GetInvocationList().Cast<Action>() ?? [])
        {
            try
            {
                handler();
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "A handler of Redis's recovery failed.");
            }
        }
    }

    private static SessionStoreUnavailableException Unavailable(Exception? inner) =>
        inner is null ? new SessionStoreUnavailableException("Redis is unavailable.") : new SessionStoreUnavailableException("Redis is unavailable.", inner);

    // A released call still completes (or fails) later; look at its outcome so it is not reported as unobserved.
    private static void Observe(Task? call) =>
        call?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
