using Microsoft.AspNetCore.Components.Server.Circuits;

namespace PartyProtocol.Web.Protection;

/// <summary>
/// The client behind one Blazor circuit: its partition key (<see cref="ClientAddress"/>) for the pages' own checks
/// (the /join page's room-code lookups), and its place under <see cref="RealtimeOptions.MaxConnectionsPerAddress"/>
/// while the circuit's connection is up. The address is that of the request carrying the circuit's connection (the
/// WebSocket upgrade, after ForwardedHeaders): read whenever the connection comes up, since a phone that changed
/// networks reconnects from a new one.
/// </summary>
public sealed class CircuitClient(IHttpContextAccessor http, ConnectionLimiter limiter) : CircuitHandler, IDisposable
{
    private readonly Lock _gate = new();
    private IDisposable? _connection;

    /// <summary>The client's partition key; null when it could not be known (no HTTP context, e.g. outside a circuit).</summary>
    public string? Key { get; private set; }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var key = http.HttpContext is { } context ? ClientAddress.PartitionKey(context) : null;
        IDisposable? previous;
        lock (_gate)
        {
            Key = key ?? Key;
            previous = _connection;
            _connection = Key is null ? null : limiter.Count(Key);
        }

        previous?.Dispose();
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Release();
        return Task.CompletedTask;
    }

    public void Dispose() => Release();

    private void Release()
    {
        IDisposable? released;
        lock (_gate)
        {
            released = _connection;
            _connection = null;
        }

        released?.Dispose();
    }
}
