using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Api;
using PartyProtocol.Web.Telemetry;

namespace PartyProtocol.Web.Protection;

/// <summary>
/// Stops room-code enumeration: every read of a room code that does not exist (REST, hub, WebSocket, the /join
/// page) costs the client (<see cref="ClientAddress"/>) one of <see cref="RateLimitOptions.UnknownCodesPerMinute"/>.
/// With none left, every room-code lookup of that client — hits as well as misses, or the answer itself would tell
/// which codes are live — is refused with 429 <c>rate_limited</c> until the minute is over. A person mistyping a code
/// never gets near the limit; a script that tries all 279,841 codes needs years.
/// </summary>
public sealed class UnknownCodeGuard : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _misses;

    public UnknownCodeGuard(IOptions<RateLimitOptions> options)
    {
        var permits = options.Value.UnknownCodesPerMinute;
        _misses = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Window, QueueLimit = 0 }));
    }

    /// <summary>The refusal for a client with no unknown codes left this minute, or null when it may look codes up.</summary>
    public GuardRefusal? Check(string client)
    {
        using var probe = _misses.AttemptAcquire(client, 0);
        if (probe.IsAcquired)
        {
            return null;
        }

        var seconds = ApiRateLimiting.RetryAfterSeconds(probe, Window);
        PartyTelemetry.RateLimitRefusals.Add(1, new KeyValuePair<string, object?>("policy", "unknown-codes"));
        return new GuardRefusal(ApiProblem.Create(StatusCodes.Status429TooManyRequests, ApiErrorCodes.RateLimited,
            $"Too many room codes that do not exist were tried from your address; try again in {seconds} s."), seconds);
    }

    /// <summary>Counts one read of a code that does not exist.</summary>
    public void RecordMiss(string client)
    {
        using var _ = _misses.AttemptAcquire(client, 1);
    }

    /// <summary>Counts the miss if <paramref name="problem"/> says the session does not exist.</summary>
    public void RecordIfMiss(string client, ApiProblem? problem)
    {
        if (problem?.Code == ErrorCodes.SessionNotFound)
        {
            RecordMiss(client);
        }
    }

    public void Dispose() => _misses.Dispose();
}

/// <summary>A refusal for too many unknown codes, with the seconds to send as <c>Retry-After</c>.</summary>
public sealed record GuardRefusal(ApiProblem Problem, int RetryAfterSeconds)
{
    /// <summary>Writes the refusal with its <c>Retry-After</c> header.</summary>
    public Task WriteAsync(HttpContext context) => ToResult(context.Response).ExecuteAsync(context);

    /// <summary>Sets the <c>Retry-After</c> header and answers the refusal as an endpoint result.</summary>
    public ProblemHttpResult ToResult(HttpResponse response)
    {
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Problem.ToResult();
    }
}

/// <summary>
/// The <see cref="UnknownCodeGuard"/> on the REST endpoints under <c>/api/sessions/{code}</c>: refuses before the
/// handler runs when the client has no unknown codes left, and counts a <c>session_not_found</c> answer as a miss.
/// </summary>
public sealed class UnknownCodeFilter(UnknownCodeGuard guard) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetRouteValue("code") is null)
        {
            return await next(context);
        }

        var client = ClientAddress.PartitionKey(http);
        if (guard.Check(client) is { } refused)
        {
            return refused.ToResult(http.Response);
        }

        var result = await next(context);
        if (IsSessionNotFound(result))
        {
            guard.RecordMiss(client);
        }

        return result;
    }

    private static bool IsSessionNotFound(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return result is ProblemHttpResult problem
            && problem.ProblemDetails.Extensions.TryGetValue("code", out var code)
            && code as string == ErrorCodes.SessionNotFound;
    }
}
