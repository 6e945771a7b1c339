using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>Healthy while Redis answers PING; a load balancer takes an instance out of rotation otherwise.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answered PING in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception ex) when (RedisFaults.IsUnavailable(ex) || ex is TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer: " + ex.Message);
        }
    }
}
