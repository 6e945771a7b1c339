using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing.Patterns;

namespace PartyProtocol.Web.Telemetry;

/// <summary>
/// HTTP's share: a log scope with the room code for every request under a room's address (and the code on ASP.NET
/// Core's request span), and the REST moves timed into <c>partyprotocol.move.duration</c>.
/// </summary>
internal static class HttpTelemetry
{
    /// <summary>Middleware: requests whose route has a <c>{code}</c> log within a scope carrying it.</summary>
    public static async Task ScopeByRoomAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.RouteValues.TryGetValue("code", out var value) && value is string code && code.Length is > 0 and <= 16)
        {
            Activity.Current?.SetTag("partyprotocol.room_code", code);
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PartyProtocol.Web.Requests");
            using (logger.BeginScope(TelemetryScopes.For(code, null)))
            {
                await next(context);
            }

            return;
        }

        await next(context);
    }

    /// <summary>Endpoint filter for the cartridge moves: the move (the last segment of its route) and its outcome.</summary>
    public static async ValueTask<object?> TimeMoveAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await next(invocation);
        var pattern = (invocation.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern;
        var segments = pattern?.PathSegments;
        var last = segments is { Count: > 0 } && segments[^1].Parts is [RoutePatternLiteralPart literal] ? literal : null;
        var outcome = Unwrap(result) switch
        {
            ProblemHttpResult problem => problem.ProblemDetails.Extensions.TryGetValue("code", out var code) ? code?.ToString() ?? "error" : "error",
            IStatusCodeHttpResult { StatusCode: >= 400 and var status } => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => "ok",
        };
        PartyTelemetry.RecordMove("http", last?.Content ?? "other", started, outcome);
        return result;
    }

    private static object? Unwrap(object? result) => result is INestedHttpResult nested ? nested.Result : result;
}
