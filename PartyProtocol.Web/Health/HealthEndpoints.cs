using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Health;

/// <summary><c>GET /healthz</c>: 200 when the instance can serve games, 503 when a dependency (Redis) is unreachable.</summary>
public static class HealthEndpoints
{
    public const string Path = "/healthz";

    public static IEndpointConventionBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteAsync })
            .AllowAnonymous()
            .DisableHttpMetrics();

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new HealthBody(
            report.Status.ToString(),
            Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            report.Entries.ToDictionary(e => e.Key, e => new HealthEntry(
                e.Value.Status.ToString(),
                e.Value.Description,
                Math.Round(e.Value.Duration.TotalMilliseconds, 1))));
        return JsonSerializer.SerializeAsync(context.Response.Body, body, GameJson.Options, context.RequestAborted);
    }

    private sealed record HealthBody(string Status, double DurationMs, IReadOnlyDictionary<string, HealthEntry> Checks);

    private sealed record HealthEntry(string Status, string? Description, double DurationMs);
}
