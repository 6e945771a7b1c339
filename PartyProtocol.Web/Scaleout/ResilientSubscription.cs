using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>
/// A pub/sub subscription that stays alive. StackExchange.Redis restores subscriptions after a reconnect, but in
/// some cases the restored subscription is dead (StackExchange.Redis issues #273, #1110, #1163): this class subscribes
/// again explicitly whenever the subscription connection is restored, and also when the instance stops hearing the
/// heartbeat it sends itself through the channel while Redis answers. Messages are handled one at a time, in arrival
/// order. Its loop survives every fault (<see cref="BackgroundLoop"/>); when Redis answers again after an outage it
/// pings at once and hands <paramref name="onRecovered"/> the chance to catch up on what it may have missed.
/// </summary>
internal sealed class ResilientSubscription(
    IConnectionMultiplexer redis,
    RedisAvailability availability,
    RedisChannel channel,
    string instanceId,
    Func<RedisValue, Task> onMessage,
    Func<CancellationToken, Task> onRecovered,
    TimeSpan heartbeatInterval,
    TimeProvider time,
    ILogger logger)
{
    private const string PingPrefix = "ping ";
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly string _ping = PingPrefix + instanceId;
    private readonly WakeSignal _wake = new();
    private ChannelMessageQueue? _queue;
    private int _resubscribe;
    private int _recovered;
    private long _lastHeartbeatTicks;
    private int _subscriptions;
    private DateTimeOffset _nextPing;

    /// <summary>How many times the channel was subscribed (1 after start; more after recoveries).</summary>
    public int Subscriptions => Volatile.Read(ref _subscriptions);

    /// <summary>When this instance last heard its own heartbeat come back.</summary>
    public DateTimeOffset LastHeartbeat => new(Interlocked.Read(ref _lastHeartbeatTicks), TimeSpan.Zero);

    /// <summary>Whether the channel is subscribed now.</summary>
    public bool Subscribed => Volatile.Read(ref _queue) is not null;

    /// <summary>The silence after which the subscription counts as dead (three heartbeats).</summary>
    public TimeSpan DeadAfter => 3 * heartbeatInterval;

    public RedisChannel ChannelName => channel;

    public LoopPulse Pulse { get; } = new("The subscription to " + channel, time);

    /// <summary>Keeps the subscription alive until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionRestored += OnConnectionRestored;
        availability.Restored += OnRedisRestored;
        try
        {
            _nextPing = time.GetUtcNow();
            await BackgroundLoop.RunAsync(Pulse, PassAsync, _wake.WaitAsync, RetryDelay, time, logger, stoppingToken);
        }
        finally
        {
            redis.ConnectionRestored -= OnConnectionRestored;
            availability.Restored -= OnRedisRestored;
            await UnsubscribeAsync();
        }
    }

    private async Task<TimeSpan> PassAsync(CancellationToken stoppingToken)
    {
        if (_queue is null || Interlocked.Exchange(ref _resubscribe, 0) == 1)
        {
            await SubscribeAsync(stoppingToken);
        }

        if (Interlocked.Exchange(ref _recovered, 0) == 1)
        {
            // Redis stalled or went away: the heartbeat it could not carry says nothing about the subscription, and
            // what was published meanwhile may be lost.
            Interlocked.Exchange(ref _lastHeartbeatTicks, time.GetUtcNow().UtcTicks);
            _nextPing = time.GetUtcNow();
            await RecoverAsync(stoppingToken);
        }

        var now = time.GetUtcNow();
        if (_queue is not null && now >= _nextPing)
        {
            _nextPing = now + heartbeatInterval;
            CheckHeartbeat(now);
            await PingAsync();
        }

        return _queue is null ? RetryDelay : _nextPing - time.GetUtcNow();
    }

    private async Task SubscribeAsync(CancellationToken stoppingToken)
    {
        if (!availability.IsAvailable)
        {
            return;
        }

        // A full unsubscribe first: adding a second handler to a channel the client believes it is subscribed to
        // would not send SUBSCRIBE again, and so would not revive a dead server-side subscription.
        await UnsubscribeAsync();
        var queue = await availability.RunAsync(() => redis.GetSubscriber().SubscribeAsync(channel));
        queue.OnMessage(HandleAsync);
        Volatile.Write(ref _queue, queue);
        Interlocked.Exchange(ref _lastHeartbeatTicks, time.GetUtcNow().UtcTicks);
        if (Interlocked.Increment(ref _subscriptions) > 1)
        {
            logger.LogInformation("Subscribed to {Channel} again.", channel);
            await RecoverAsync(stoppingToken);
        }
    }

    // A catch-up that fails (Redis went away again) is tried again at the next pass.
    private async Task RecoverAsync(CancellationToken stoppingToken)
    {
        try
        {
            await onRecovered(stoppingToken);
        }
        catch
        {
            Volatile.Write(ref _recovered, 1);
            throw;
        }
    }

    private async Task UnsubscribeAsync()
    {
        if (Interlocked.Exchange(ref _queue, null) is not { } queue)
        {
            return;
        }

        try
        {
            await availability.RunAsync(() => queue.UnsubscribeAsync());
        }
        catch (Core.Sessions.SessionStoreUnavailableException)
        {
            // The connection is gone, and the server-side subscription with it.
        }
    }

    private void CheckHeartbeat(DateTimeOffset now)
    {
        if (availability.IsAvailable && redis.IsConnected && now - LastHeartbeat > DeadAfter)
        {
            logger.LogWarning("No heartbeat came back on {Channel} since {LastHeartbeat:O}: subscribing again.", channel, LastHeartbeat);
            Volatile.Write(ref _resubscribe, 1);
            _wake.Set();
        }
    }

    private async Task PingAsync()
    {
        try
        {
            await availability.RunAsync(() => redis.GetSubscriber().PublishAsync(channel, _ping));
        }
        catch (Core.Sessions.SessionStoreUnavailableException ex)
        {
            logger.LogDebug("Heartbeat on {Channel} not sent: {Error}", channel, ex.Message);
        }
    }

    private async Task HandleAsync(ChannelMessage message)
    {
        var value = message.Message;
        if (value.StartsWith(PingPrefix))
        {
            if (value == _ping)
            {
                Interlocked.Exchange(ref _lastHeartbeatTicks, time.GetUtcNow().UtcTicks);
            }

            return;
        }

        try
        {
            await onMessage(value);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A message on {Channel} could not be handled.", channel);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            Volatile.Write(ref _resubscribe, 1);
            _wake.Set();
        }
    }

    private void OnRedisRestored()
    {
        Volatile.Write(ref _recovered, 1);
        _wake.Set();
    }
}
