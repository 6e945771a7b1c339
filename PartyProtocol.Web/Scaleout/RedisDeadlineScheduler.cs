using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using PartyProtocol.Core.Sessions;
using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>
/// Phase deadlines shared by every instance. The store writes a session's deadline into the sorted set
/// <see cref="RedisKeys.Deadlines"/> in the same script that commits the session, so no crash can leave a committed
/// phase without its deadline. Every instance arms one local wait for the earliest deadline (woken by a pub/sub notice
/// whenever one is set, and scanning at least every <see cref="RedisScaleoutOptions.DeadlineScanInterval"/>), then
/// claims due deadlines atomically by Redis server time; only the claimer calls the game service, whose timer-id
/// fence and compare-and-swap make a late or repeated firing change nothing. A claim is a lease: if the claimer dies
/// before committing, another instance fires the deadline when the lease runs out.
/// The loop survives every fault (<see cref="BackgroundLoop"/>). When Redis answers again after an outage it scans at
/// once, and fires again what it claimed but could not commit during the outage, so deadlines that came due meanwhile
/// fire within moments instead of after their lease.
/// </summary>
internal sealed class RedisDeadlineScheduler : BackgroundService, IDeadlineScheduler
{
    private const int ClaimBatch = 64;

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeys _keys;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly RedisScaleoutOptions _options;
    private readonly RedisAvailability _availability;
    private readonly ILogger<RedisDeadlineScheduler> _logger;
    private readonly ResilientSubscription _notices;
    private readonly WakeSignal _wake = new();
    private readonly ConcurrentDictionary<string, long> _unsettled = new(StringComparer.Ordinal);
    private Func<string, long, Task>? _onDue;
    private long _claimed;
    private long _lateMilliseconds;

    public RedisDeadlineScheduler(IConnectionMultiplexer redis, RedisKeys keys, IServiceProvider services, TimeProvider time,
        IOptions<RedisScaleoutOptions> options, RedisAvailability availability, Core.Events.GameEventBus bus, ILogger<RedisDeadlineScheduler> logger)
    {
        _redis = redis;
        _keys = keys;
        _services = services;
        _time = time;
        _options = options.Value;
        _availability = availability;
        _logger = logger;
        Pulse = new LoopPulse("The deadline loop", time);
        _notices = new ResilientSubscription(redis, availability, keys.DeadlineNotices, bus.InstanceId, _ => Wake(), _ => Wake(),
            _options.HeartbeatInterval, time, logger);
        availability.Restored += _wake.Set;
    }

    /// <summary>Deadlines this instance claimed and handed to the game service.</summary>
    public long Claimed => Interlocked.Read(ref _claimed);

    public LoopPulse Pulse { get; }

    /// <summary>The deadline-notice subscription.</summary>
    public ResilientSubscription Notices => _notices;

    /// <summary>How far past due the most overdue deadline of the last claim was (zero when none was).</summary>
    public TimeSpan LastClaimLateness => TimeSpan.FromMilliseconds(Interlocked.Read(ref _lateMilliseconds));

    public void Attach(Func<string, long, Task> onDue) => _onDue = onDue;

    /// <summary>
    /// Arms the deadline again for the timer the committed session runs (after an early firing); the first arming
    /// happened atomically with the commit. Errors are logged, not thrown: the commit has happened, and a deadline
    /// left leased is fired again when the lease runs out.
    /// </summary>
    public async ValueTask ScheduleAsync(string code, long timerId, DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await _availability.RunAsync(fence => _redis.GetDatabase().ScriptEvaluateAsync(RedisScripts.Schedule, [_keys.Session(code), _keys.Deadlines],
            [
                code,
                timerId.ToString(CultureInfo.InvariantCulture),
                RedisSessionStore.RemainingMilliseconds(deadline, _time.GetUtcNow()),
                _keys.DeadlineNotices.ToString(),
                fence,
            ]));
            if (RedisAvailability.Late(result))
            {
                throw RedisAvailability.TooLate();
            }
        }
        catch (SessionStoreUnavailableException)
        {
            _unsettled[code] = timerId;
            _logger.LogWarning("Deadline of {Code} (timer {TimerId}) not re-armed while Redis is unavailable; it is retried when Redis answers.", code, timerId);
        }
    }

    /// <summary>
    /// Nothing to do: the commit script that changed the timer already set or removed the deadline and woke every
    /// instance, and deleting a session removes its deadline with it.
    /// </summary>
    public ValueTask TimerChangedAsync(string code, long timerId, DateTimeOffset? deadline, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The game service attaches its handler when it is built; build it now, so this instance fires deadlines
        // even before any request of its own needed the service.
        _services.GetRequiredService<GameService>();
        var notices = _notices.RunAsync(stoppingToken);
        await BackgroundLoop.RunAsync(Pulse, _ => PassAsync(), _wake.WaitAsync, _options.DeadlineScanInterval, _time, _logger, stoppingToken);
        await notices;
    }

    private async Task<TimeSpan> PassAsync()
    {
        RetryUnsettled();
        var scan = _options.DeadlineScanInterval;
        var answer = await _availability.RunAsync(fence => _redis.GetDatabase().ScriptEvaluateAsync(RedisScripts.Claim, [_keys.Deadlines],
        [
            _keys.SessionPrefix,
            ((long)_options.DeadlineLease.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            ClaimBatch.ToString(CultureInfo.InvariantCulture),
            fence,
        ]));
        if (RedisAvailability.Late(answer))
        {
            // Redis ran this claim only after it stalled; it claimed nothing. Scan again at once.
            return TimeSpan.Zero;
        }

        var result = (RedisResult[])answer!;

        Interlocked.Exchange(ref _lateMilliseconds, long.Parse((string)result[1]!, CultureInfo.InvariantCulture));
        for (var i = 2; i + 1 < result.Length; i += 2)
        {
            var code = (string)result[i]!;
            var timerId = long.Parse((string)result[i + 1]!, CultureInfo.InvariantCulture);
            Interlocked.Increment(ref _claimed);
            _ = FireAsync(code, timerId);
        }

        var next = long.Parse((string)result[0]!, CultureInfo.InvariantCulture);
        return next < 0 ? scan : TimeSpan.FromMilliseconds(Math.Min(next, scan.TotalMilliseconds));
    }

    // A firing that met an outage may not have committed; its entry stays leased in Redis for a while, so fire it
    // again now that Redis answers (the timer-id fence makes it harmless if it had committed).
    private void RetryUnsettled()
    {
        if (_unsettled.IsEmpty || !_availability.IsAvailable)
        {
            return;
        }

        foreach (var (code, timerId) in _unsettled)
        {
            if (_unsettled.TryRemove(new KeyValuePair<string, long>(code, timerId)))
            {
                _ = FireAsync(code, timerId);
            }
        }
    }

    private async Task FireAsync(string code, long timerId)
    {
        var outages = _availability.Outages;
        try
        {
            if (_onDue is { } onDue)
            {
                await onDue(code, timerId);
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "The deadline of {Code} (timer {TimerId}) failed; it fires again when its lease runs out.", code, timerId);
        }

        if (_availability.Outages != outages || !_availability.IsAvailable)
        {
            _unsettled[code] = timerId;
            _wake.Set();
        }
    }

    private Task Wake()
    {
        _wake.Set();
        return Task.CompletedTask;
    }
}
