using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using PartyProtocol.Web.Telemetry;

namespace PartyProtocol.Web.Api;

/// <summary>
/// Rate limits per client IP address (configuration section <c>RateLimits</c>). The defaults are generous: a
/// thousand-player load test from one address stays well below them; they stop a runaway script, not a party.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Sessions one IP address may create per minute.</summary>
    [Range(1, 1_000_000)]
    public int SessionCreatesPerMinute { get; set; } = 600;

    /// <summary>Joins (and re-attaches) one IP address may make per minute.</summary>
    [Range(1, 1_000_000)]
    public int JoinsPerMinute { get; set; } = 6000;
}

/// <summary>The rate-limiter policies of the API; rejections are 429 problem+json with code <c>rate_limited</c>.</summary>
public static class ApiRateLimiting
{
    public const string CreateSessionPolicy = "create-session";
    public const string JoinPolicy = "join-session";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void Configure(RateLimiterOptions options, RateLimitOptions limits)
    {
        options.AddPolicy(CreateSessionPolicy, context => PerClient(context, limits.SessionCreatesPerMinute));
        options.AddPolicy(JoinPolicy, context => PerClient(context, limits.JoinsPerMinute));
        options.OnRejected = async (rejected, cancellationToken) =>
        {
            var policy = rejected.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "global";
            PartyTelemetry.RateLimitRefusals.Add(1, new KeyValuePair<string, object?>("policy", policy));
            var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                : (int)Window.TotalSeconds;
            rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await ApiProblem.Create(StatusCodes.Status429TooManyRequests, ApiErrorCodes.RateLimited,
                $"Too many requests from your address; try again in {seconds} s.").WriteAsync(rejected.HttpContext);
        };
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window,
            QueueLimit = 0,
        });
}
