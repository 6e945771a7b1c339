using System.Threading.Channels;
using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>
/// A pub/sub subscription that stays alive. StackExchange.Redis restores subscriptions after a reconnect, but in
/// some cases the restored subscription is dead (StackExchange.Redis issues #273, #1110, #1163): this class subscribes
/// again explicitly whenever the subscription connection is restored, and also when the instance stops hearing the
/// heartbeat it sends itself through the channel. Messages are handled one at a time, in arrival order.
/// </summary>
internal sealed class ResilientSubscription(
    IConnectionMultiplexer redis,
    RedisChannel channel,
    string instanceId,
    Func<RedisValue, Task> onMessage,
    Func<CancellationToken, Task> onResubscribed,
    TimeSpan heartbeatInterval,
    TimeProvider time,
    ILogger logger)
{
    private const string PingPrefix = "ping ";
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly string _ping = PingPrefix + instanceId;
    private readonly Channel<bool> _resubscribe = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private ChannelMessageQueue? _queue;
    private long _lastHeartbeatTicks;
    private int _subscriptions;

    /// <summary>How many times the channel was subscribed (1 after start; more after recoveries).</summary>
    public int Subscriptions => Volatile.Read(ref _subscriptions);

    /// <summary>When this instance last heard its own heartbeat come back.</summary>
    public DateTimeOffset LastHeartbeat => new(Interlocked.Read(ref _lastHeartbeatTicks), TimeSpan.Zero);

    /// <summary>Keeps the subscription alive until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionRestored += OnConnectionRestored;
        try
        {
            var nextPing = time.GetUtcNow();
            while (!stoppingToken.IsCancellationRequested)
            {
                var wanted = _resubscribe.Reader.TryRead(out _);
                if (_queue is null || wanted)
                {
                    await SubscribeAsync(stoppingToken);
                }

                var now = time.GetUtcNow();
                if (_queue is not null && now >= nextPing)
                {
                    nextPing = now + heartbeatInterval;
                    CheckHeartbeat(now);
                    await PingAsync();
                }

                var wait = _queue is null ? RetryDelay : nextPing - time.GetUtcNow();
                await WaitAsync(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            redis.ConnectionRestored -= OnConnectionRestored;
            await UnsubscribeAsync();
        }
    }

    private async Task SubscribeAsync(CancellationToken stoppingToken)
    {
        // A full unsubscribe first: adding a second handler to a channel the client believes it is subscribed to
        // would not send SUBSCRIBE again, and so would not revive a dead server-side subscription.
        await UnsubscribeAsync();
        try
        {
            var queue = await redis.GetSubscriber().SubscribeAsync(channel);
            queue.OnMessage(HandleAsync);
            _queue = queue;
            Interlocked.Exchange(ref _lastHeartbeatTicks, time.GetUtcNow().UtcTicks);
            if (Interlocked.Increment(ref _subscriptions) > 1)
            {
                logger.LogInformation("Subscribed to {Channel} again.", channel);
                await onResubscribed(stoppingToken);
            }
        }
        catch (Exception ex) when (RedisFaults.IsUnavailable(ex))
        {
            logger.LogWarning("Cannot subscribe to {Channel} yet: {Error}", channel, ex.Message);
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
            await queue.UnsubscribeAsync();
        }
        catch (Exception ex) when (RedisFaults.IsUnavailable(ex))
        {
            // The connection is gone, and the server-side subscription with it.
        }
    }

    private void CheckHeartbeat(DateTimeOffset now)
    {
        if (redis.IsConnected && now - LastHeartbeat > 3 * heartbeatInterval)
        {
            logger.LogWarning("No heartbeat came back on {Channel} since {LastHeartbeat:O}: subscribing again.", channel, LastHeartbeat);
            _resubscribe.Writer.TryWrite(true);
        }
    }

    private async Task PingAsync()
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(channel, _ping);
        }
        catch (Exception ex) when (RedisFaults.IsUnavailable(ex))
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
            _resubscribe.Writer.TryWrite(true);
        }
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(wait);
        try
        {
            await _resubscribe.Reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
        }
    }
}
