using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PartyProtocol.Web.Api;
using PartyProtocol.Web.Telemetry;

namespace PartyProtocol.Web.Protection;

/// <summary>
/// Counts this instance's live real-time connections per client (<see cref="ClientAddress"/>) and per session, and
/// refuses one over <see cref="RealtimeOptions.MaxConnectionsPerAddress"/> or
/// <see cref="RealtimeOptions.MaxConnectionsPerSession"/> with 429 <c>too_many_connections</c>, so one client cannot
/// hold unbounded sockets, subscriptions and circuits.
/// </summary>
public sealed class ConnectionLimiter(IOptions<RealtimeOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _byAddress = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _bySession = new(StringComparer.Ordinal);

    /// <summary>Live connections of a client on this instance.</summary>
    public int ConnectionsFrom(string address) => _byAddress.GetValueOrDefault(address);

    /// <summary>Live hub connections and WebSockets of a session on this instance.</summary>
    public int ConnectionsTo(string code) => _bySession.GetValueOrDefault(code);

    /// <summary>The refusal a new connection would get now, checked before a connection is set up; null if it fits.</summary>
    public ApiProblem? Refusal(string address, string? code)
    {
        if (ConnectionsFrom(address) >= options.Value.MaxConnectionsPerAddress)
        {
            return TooManyFromAddress();
        }

        return code is not null && ConnectionsTo(code) >= options.Value.MaxConnectionsPerSession ? TooManyInSession() : null;
    }

    /// <summary>Counts a connection until the returned lease is disposed, or refuses it (over a limit).</summary>
    public (IDisposable? Lease, ApiProblem? Refusal) TryAcquire(string address, string? code)
    {
        if (!TryIncrement(_byAddress, address, options.Value.MaxConnectionsPerAddress))
        {
            return (null, TooManyFromAddress());
        }

        if (code is not null && !TryIncrement(_bySession, code, options.Value.MaxConnectionsPerSession))
        {
            Decrement(_byAddress, address);
            return (null, TooManyInSession());
        }

        return (new Lease(this, address, code), null);
    }

    /// <summary>
    /// Counts a connection that is already open and cannot be refused any more (a Blazor circuit whose connection came
    /// up): it still takes its place, so further connections from the client are refused at the door.
    /// </summary>
    public IDisposable Count(string address)
    {
        _byAddress.AddOrUpdate(address, 1, (_, n) => n + 1);
        return new Lease(this, address, null);
    }

    private static bool TryIncrement(ConcurrentDictionary<string, int> counts, string key, int max)
    {
        if (counts.AddOrUpdate(key, 1, (_, n) => n + 1) <= max)
        {
            return true;
        }

        Decrement(counts, key);
        return false;
    }

    private static void Decrement(ConcurrentDictionary<string, int> counts, string key)
    {
        if (counts.AddOrUpdate(key, 0, (_, n) => Math.Max(0, n - 1)) == 0)
        {
            // Only removed while still zero, so a racing connect is never lost.
            counts.TryRemove(new KeyValuePair<string, int>(key, 0));
        }
    }

    // Each refusal built here is answered to the client, so this is where it is counted.
    private ApiProblem TooManyFromAddress() => Refused("connections-per-address",
        $"Your address already has {options.Value.MaxConnectionsPerAddress} live connections here; close some and try again.");

    private ApiProblem TooManyInSession() => Refused("connections-per-session",
        $"This room already has {options.Value.MaxConnectionsPerSession} live connections; try again when someone leaves.");

    private static ApiProblem Refused(string policy, string detail)
    {
        PartyTelemetry.RateLimitRefusals.Add(1, new KeyValuePair<string, object?>("policy", policy));
        return ApiProblem.Create(StatusCodes.Status429TooManyRequests, ApiErrorCodes.TooManyConnections, detail);
    }

    private sealed class Lease(ConnectionLimiter limiter, string address, string? code) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Decrement(limiter._byAddress, address);
                if (code is not null)
                {
                    Decrement(limiter._bySession, code);
                }
            }
        }
    }
}
