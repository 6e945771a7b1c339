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
        // Retry quickly at first, then at most every 5 s, so an instance is back within seconds of Redis.
        options.ReconnectRetryPolicy = new ExponentialRetry(250, 5000);
        if (clientName is not null)
        {
            options.ClientName ??= clientName;
        }

        return options;
    }

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
