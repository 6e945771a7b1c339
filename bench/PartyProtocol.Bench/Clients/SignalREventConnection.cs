using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using PartyProtocol.Bench.Measurement;

namespace PartyProtocol.Bench.Clients;

/// <summary>
/// A SignalR client of <c>/hubs/game</c>: events arrive through the client method <c>event</c>. It goes straight to
/// WebSockets (no negotiate round trip), as a non-browser client would.
/// </summary>
public sealed class SignalREventConnection : IEventConnection
{
    private readonly HubConnection _connection;
    private readonly ConnectionCallbacks _callbacks;
    private readonly TimeSpan _pingTimeout;
    private volatile bool _closing;

    public SignalREventConnection(Uri address, ConnectionCallbacks callbacks, TimeSpan pingTimeout)
    {
        _callbacks = callbacks;
        _pingTimeout = pingTimeout;
        _connection = new HubConnectionBuilder()
            .WithUrl(address, options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
            })
            .Build();
        _connection.On<JsonElement>("event", envelope =>
        {
            var arrived = DateTimeOffset.UtcNow;
            var received = ReceivedEvent.From(envelope, arrived, 0);
            if (received is null)
            {
                callbacks.OnFailure("bad_frame", "an 'event' invocation that is not an event envelope");
                return;
            }

            callbacks.OnEvent(received);
        });
        _connection.Closed += error =>
        {
            if (!_closing)
            {
                _callbacks.OnFailure("disconnect", $"hub closed: {error?.Message ?? "by the server"}");
            }

            return Task.CompletedTask;
        };
    }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _connection.StartAsync(cancellationToken);
        // Invocations are handled after OnConnectedAsync, so the answer proves the hub has accepted the connection. Events
        // published after StartAsync arrive without it (issue #20); the .NET bots keep the round trip in their connect figure,
        // while the JavaScript ones (--clients js) do without.
        var pong = await _connection.InvokeAsync<string>("Ping", cancellationToken).WaitAsync(_pingTimeout, cancellationToken);
        if (pong != "pong")
        {
            throw new InvalidOperationException($"Ping answered '{pong}'.");
        }
    }

    public async Task CloseAsync()
    {
        _closing = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _connection.StopAsync(timeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        await _connection.DisposeAsync();
    }
}
