using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>The one multiplexer an instance shares: configured to start without Redis and to recover by itself.</summary>
internal static class RedisConnection
{
    public static ConfigurationOptions Configure(string connectionString, string? clientName = null)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        // Start while Redis is down and keep reconnecting in the background instead of failing start-up.
        options.AbortOnConnectFail = false;
        // While Redis is down, fail at once (a clear 503) instead of queueing commands until they time out.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        // Reconnect attempts come at least every 0.5 s (checked on every 250 ms heartbeat), so an instance is back a
        // moment after Redis is: deadlines that came due during an outage fire within the scan interval of its end.
        options.ReconnectRetryPolicy = new ExponentialRetry(100, 500);
        options.HeartbeatInterval = TimeSpan.FromMilliseconds(250);
        UseThreadPool(options);
        if (clientName is not null)
        {
            options.ClientName ??= clientName;
        }

        return options;
    }

    /// <summary>
    /// Reads and completes on the .NET thread pool instead of StackExchange.Redis's default, a dedicated pool of 10
    /// threads shared by every multiplexer in the process — here also by the SignalR backplane's, which subscribes and
    /// unsubscribes channels for every hub connection that opens or closes. With the shared pool, whenever hundreds of
    /// hub connections opened or closed at once, this instance's session commands and the events arriving from the
    /// other instances stalled for 0.3–1.9 s; on the thread pool they do not (docs/performance.md, "Two instances
    /// with Redis").
    /// </summary>
    public static void UseThreadPool(ConfigurationOptions options) => options.SocketManager = SocketManager.ThreadPool;

    public static IConnectionMultiplexer Connect(string connectionString, string instanceId, ILogger logger)
    {
        var multiplexer = ConnectionMultiplexer.Connect(Configure(connectionString, "partyprotocol-" + instanceId));
        multiplexer.ConnectionFailed += (_, e) =>
            logger.LogWarning("Redis {ConnectionType} connection to {EndPoint} lost: {FailureType}", e.ConnectionType, e.EndPoint, e.FailureType);
        multiplexer.ConnectionRestored += (_, e) =>
            logger.LogInformation("Redis {ConnectionType} connection to {EndPoint} restored.", e.ConnectionType, e.EndPoint);
        if (!multiplexer.IsConnected)
        {
            logger.LogWarning("Redis is not reachable yet; the app starts anyway and answers 503 until it is.");
        }

        return multiplexer;
    }
}
