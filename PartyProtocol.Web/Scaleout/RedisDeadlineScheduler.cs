using System.Globalization;
using System.Threading.Channels;
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
/// </summary>
internal sealed class RedisDeadlineScheduler : BackgroundService, IDeadlineScheduler
{
    private const int ClaimBatch = 64;

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeys _keys;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly RedisScaleoutOptions _options;
    private readonly ILogger<RedisDeadlineScheduler> _logger;
    private readonly ResilientSubscription _notices;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private Func<string, long, Task>? _onDue;
    private long _claimed;

    public RedisDeadlineScheduler(IConnectionMultiplexer redis, RedisKeys keys, IServiceProvider services, TimeProvider time,
        IOptions<RedisScaleoutOptions> options, Core.Events.GameEventBus bus, ILogger<RedisDeadlineScheduler> logger)
    {
        _redis = redis;
        _keys = keys;
        _services = services;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _notices = new ResilientSubscription(redis, keys.DeadlineNotices, bus.InstanceId, _ => Wake(), _ => Wake(),
            _options.HeartbeatInterval, time, logger);
    }

    /// <summary>Deadlines this instance claimed and handed to the game service.</summary>
    public long Claimed => Interlocked.Read(ref _claimed);

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
            await _redis.GetDatabase().ScriptEvaluateAsync(RedisScripts.Schedule, [_keys.Session(code), _keys.Deadlines],
            [
                code,
                timerId.ToString(CultureInfo.InvariantCulture),
                RedisSessionStore.RemainingMilliseconds(deadline, _time.GetUtcNow()),
                _keys.DeadlineNotices.ToString(),
            ]);
        }
        catch (Exception ex) when (RedisFaults.IsUnavailable(ex))
        {
            _logger.LogWarning("Deadline of {Code} (timer {TimerId}) not re-armed: {Error}", code, timerId, ex.Message);
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
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = await ClaimDueAsync();
                await WaitAsync(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await notices;
        }
    }

    private async Task<TimeSpan> ClaimDueAsync()
    {
        var scan = _options.DeadlineScanInterval;
        RedisResult[] result;
        try
        {
            result = (RedisResult[])(await _redis.GetDatabase().ScriptEvaluateAsync(RedisScripts.Claim, [_keys.Deadlines],
            [
                _keys.SessionPrefix,
                ((long)_options.DeadlineLease.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
                ClaimBatch.ToString(CultureInfo.InvariantCulture),
            ]))!;
        }
        catch (Exception ex) when (RedisFaults.IsUnavailable(ex))
        {
            _logger.LogDebug("Deadlines not checked: {Error}", ex.Message);
            return scan;
        }

        for (var i = 1; i + 1 < result.Length; i += 2)
        {
            var code = (string)result[i]!;
            var timerId = long.Parse((string)result[i + 1]!, CultureInfo.InvariantCulture);
            Interlocked.Increment(ref _claimed);
            _ = FireAsync(code, timerId);
        }

        var next = long.Parse((string)result[0]!, CultureInfo.InvariantCulture);
        return next < 0 ? scan : TimeSpan.FromMilliseconds(Math.Min(next, scan.TotalMilliseconds));
    }

    private async Task FireAsync(string code, long timerId)
    {
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
    }

    private Task Wake()
    {
        _wake.Writer.TryWrite(true);
        return Task.CompletedTask;
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        if (wait > TimeSpan.Zero)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(wait);
            try
            {
                await _wake.Reader.WaitToReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }

        _wake.Reader.TryRead(out _);
    }
}
