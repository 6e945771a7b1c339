using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using PartyProtocol.Bench.Measurement;

namespace PartyProtocol.Bench.Clients;

/// <summary>
/// A plain WebSocket client of JSON text frames: the game's <c>/ws/game/{code}/</c> and the baseline server speak
/// the same protocol (events as envelopes, <c>{"type":"ping"}</c> answered by <c>{"type":"pong"}</c>). On the game's
/// socket it can also make moves (<see cref="MoveAsync"/>, answered by a <c>reply</c> frame).
/// </summary>
public sealed class RawEventSocket(Uri address, ConnectionCallbacks callbacks, TimeSpan pingTimeout) : IEventConnection
{
    private static readonly byte[] Ping = """{"type":"ping"}"""u8.ToArray();

    private readonly ClientWebSocket _socket = new();
    private readonly TaskCompletionSource _pong = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _replies = new(StringComparer.Ordinal);
    private int _lastMoveId;
    private Task _receiving = Task.CompletedTask;
    private volatile bool _closing;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(address, cancellationToken);
        _receiving = Task.Run(ReceiveLoopAsync, CancellationToken.None);
        await _socket.SendAsync(Ping, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        await _pong.Task.WaitAsync(pingTimeout, cancellationToken);
    }

    /// <summary>Makes a move on the socket: the server's reply (<c>ok</c>, <c>result</c> or <c>error</c>).</summary>
    public async Task<JsonElement> MoveAsync(string move, object? payload, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _lastMoveId).ToString(CultureInfo.InvariantCulture);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _replies[id] = reply;
        try
        {
            var message = JsonSerializer.SerializeToUtf8Bytes(new { type = "move", id, move, payload });
            await _sending.WaitAsync(cancellationToken);
            try
            {
                await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            finally
            {
                _sending.Release();
            }

            return await reply.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _replies.TryRemove(id, out _);
        }
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
        _sending.Dispose();
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

        if (type.ValueKind == JsonValueKind.String && type.ValueEquals("reply"))
        {
            if (envelope.TryGetProperty("id", out var id) && id.GetString() is { } key && _replies.TryGetValue(key, out var waiting))
            {
                waiting.TrySetResult(envelope);
            }
            else
            {
                callbacks.OnFailure("bad_frame", "a reply to no move of this socket");
            }

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
