using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using PartyProtocol.Bench.Measurement;

namespace PartyProtocol.Bench.Clients;

/// <summary>
/// A plain WebSocket client of JSON text frames: the game's <c>/ws/game/{code}/</c> and the baseline server speak
/// the same protocol (events as envelopes, <c>{"type":"ping"}</c> answered by <c>{"type":"pong"}</c>).
/// </summary>
public sealed class RawEventSocket(Uri address, ConnectionCallbacks callbacks, TimeSpan pingTimeout) : IEventConnection
{
    private static readonly byte[] Ping = """{"type":"ping"}"""u8.ToArray();

    private readonly ClientWebSocket _socket = new();
    private readonly TaskCompletionSource _pong = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiving = Task.CompletedTask;
    private volatile bool _closing;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(address, cancellationToken);
        _receiving = Task.Run(ReceiveLoopAsync, CancellationToken.None);
        await _socket.SendAsync(Ping, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        await _pong.Task.WaitAsync(pingTimeout, cancellationToken);
    }

    public async Task CloseAsync()
    {
        _closing = true;
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench done", timeout.Token);
                await _receiving.WaitAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException)
            {
                _socket.Abort();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        _socket.Abort();
        await _receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        if (!_closing)
                        {
                            callbacks.OnFailure("disconnect", $"{address.AbsolutePath}: server closed ({_socket.CloseStatus} {_socket.CloseStatusDescription})");
                        }

                        return;
                    }

                    length += result.Count;
                }
                while (!result.EndOfMessage);

                var arrived = DateTimeOffset.UtcNow;
                Dispatch(buffer.AsSpan(0, length), arrived);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            if (!_closing)
            {
                callbacks.OnFailure("disconnect", $"{address.AbsolutePath}: {ex.Message}");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Dispatch(ReadOnlySpan<byte> frame, DateTimeOffset arrived)
    {
        JsonElement envelope;
        try
        {
            var reader = new Utf8JsonReader(frame);
            envelope = JsonElement.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            callbacks.OnFailure("bad_frame", ex.Message);
            return;
        }

        if (envelope.TryGetProperty("type", out var type) && type.ValueEquals("pong") && !envelope.TryGetProperty("seq", out _))
        {
            _pong.TrySetResult();
            return;
        }

        var received = ReceivedEvent.From(envelope, arrived, frame.Length);
        if (received is null)
        {
            callbacks.OnFailure("bad_frame", "a frame that is neither an event nor a pong");
            return;
        }

        callbacks.OnEvent(received);
    }
}
