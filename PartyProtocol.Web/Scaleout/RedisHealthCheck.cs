using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PartyProtocol.Core.Sessions;
using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>
/// <c>redis</c> on <c>/healthz</c>: healthy while Redis answers a PING (through <see cref="RedisAvailability"/>, so a
/// stalled Redis is reported within its stall timeout) and the availability probe and presence heartbeat run; a load
/// balancer takes an instance out of rotation otherwise. The description says how long Redis has been silent, never
/// what it said.
/// </summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis, RedisAvailability availability, RedisPresence presence, TimeProvider time) : IHealthCheck
{
    public const string Name = "redis";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        TimeSpan latency;
        try
        {
            latency = await availability.RunAsync(() => redis.GetDatabase().PingAsync());
        }
        catch (SessionStoreUnavailableException)
        {
            var silent = availability.UnavailableSince is { } since ? time.GetUtcNow() - since : TimeSpan.Zero;
            return HealthCheckResult.Unhealthy($"Redis has not answered for {silent.TotalSeconds:0.0} s.");
        }

        return LoopHealth.Stalled(availability.Pulse, TimeSpan.FromSeconds(5))
            ?? LoopHealth.Stalled(presence.Pulse, TimeSpan.FromSeconds(5) + (3 * presence.Heartbeat))
            ?? HealthCheckResult.Healthy($"Redis answered PING in {latency.TotalMilliseconds:0.#} ms.");
    }
}

/// <summary>
/// <c>deadlines</c> on <c>/healthz</c>: unhealthy when the deadline loop or its notice subscription is not running,
/// has not completed a pass for a while, or has fallen behind — its last claim found a deadline more than 5 s past due.
/// </summary>
internal sealed class DeadlinesHealthCheck(RedisDeadlineScheduler scheduler, IOptions<RedisScaleoutOptions> options, TimeProvider time) : IHealthCheck
{
    public const string Name = "deadlines";

    /// <summary>A deadline this far past due means the instances have fallen behind.</summary>
    public static readonly TimeSpan FallenBehindAfter = TimeSpan.FromSeconds(5);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scan = options.Value.DeadlineScanInterval;
        var lateness = scheduler.LastClaimLateness;
        return Task.FromResult(
            LoopHealth.Stalled(scheduler.Pulse, TimeSpan.FromSeconds(5) + (4 * scan))
            ?? (lateness > FallenBehindAfter
                ? HealthCheckResult.Unhealthy($"Deadlines have fallen behind: the last one fired {lateness.TotalSeconds:0.0} s after it was due.")
                : (HealthCheckResult?)null)
            ?? LoopHealth.Deaf(scheduler.Notices, time)
            ?? HealthCheckResult.Healthy("Deadlines are claimed as they come due."));
    }
}

/// <summary>
/// <c>events</c> on <c>/healthz</c>: unhealthy when the event bridge or its subscription is not running, or the
/// subscription has not carried this instance's own heartbeat for three heartbeat intervals.
/// </summary>
internal sealed class EventsHealthCheck(RedisEventBridge bridge, TimeProvider time) : IHealthCheck
{
    public const string Name = "events";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            LoopHealth.Stalled(bridge.Pulse, TimeSpan.FromSeconds(5))
            ?? LoopHealth.Deaf(bridge.Subscription, time)
            ?? HealthCheckResult.Healthy("Events cross instances."));
}

internal static class LoopHealth
{
    /// <summary>Unhealthy when the loop is not running or has not completed a pass within <paramref name="within"/>.</summary>
    public static HealthCheckResult? Stalled(LoopPulse pulse, TimeSpan within) =>
        !pulse.Running ? HealthCheckResult.Unhealthy($"{pulse.Name} is not running.")
        : pulse.SinceLastBeat > within ? HealthCheckResult.Unhealthy(
            $"{pulse.Name} has not completed a pass for {pulse.SinceLastBeat.TotalSeconds:0.0} s ({pulse.Failures} failed).")
        : null;

    /// <summary>Unhealthy when a subscription is not running, not subscribed, or has not heard its own heartbeat.</summary>
    public static HealthCheckResult? Deaf(ResilientSubscription subscription, TimeProvider time)
    {
        if (Stalled(subscription.Pulse, TimeSpan.FromSeconds(5) + subscription.DeadAfter) is { } stalled)
        {
            return stalled;
        }

        if (!subscription.Subscribed)
        {
            return HealthCheckResult.Unhealthy($"{subscription.ChannelName} is not subscribed.");
        }

        var silent = time.GetUtcNow() - subscription.LastHeartbeat;
        return silent > subscription.DeadAfter + TimeSpan.FromSeconds(1)
            ? HealthCheckResult.Unhealthy($"{subscription.ChannelName} has not carried this instance's heartbeat for {silent.TotalSeconds:0.0} s.")
            : null;
    }
}
