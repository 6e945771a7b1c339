using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using PartyProtocol.Core.Events;
using PartyProtocol.Web.Api;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// One accepted game WebSocket. It subscribes to the local <see cref="GameEventBus"/> for its session — which in
/// multi-instance mode also carries the events bridged from other instances, so every event is forwarded whatever its
/// origin — and sends each event's envelope for its viewer through a bounded queue: a client too slow to keep up is
/// disconnected rather than allowed to hold up the game. It answers <c>{"type":"ping"}</c> with
/// <c>{"type":"pong"}</c>, makes each <c>{"type":"move"}</c> in turn and answers it with a <c>reply</c> (see
/// <see cref="SocketMove"/>), and ignores any other message.
/// </summary>
public sealed partial class GameSocketConnection(
    SessionAudience audience, GameEventBus bus, PresenceTracker presence, RealtimeMoves moves, ILogger<GameSocketConnection> logger)
{
    /// <summary>Frames waiting to be sent; a whole round of a big game is far below this.</summary>
    public const int QueueCapacity = 512;

    /// <summary>The largest message a client may send (a ping is 15 bytes, a move with a lie a few hundred).</summary>
    public const int MaxIncomingBytes = 4096;

    /// <summary>The receive buffer a connection starts with (a ping is 15 bytes); it grows up to <see cref="MaxIncomingBytes"/>.</summary>
    public const int InitialIncomingBytes = 64;

    /// <summary>
    /// How long one frame may take to go out. A client that stops reading fills the socket's buffers and then blocks
    /// the send: after this long it is disconnected, and its queue and socket are released.
    /// </summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    private readonly Channel<Frame> _outbox = Channel.CreateBounded<Frame>(new BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private WebSocket? _socket;
    private int _overflowed;

    /// <summary>Whether per-message compression may be negotiated (only when the client asks for it too).</summary>
    public bool Compression { get; init; }

    /// <summary>
    /// For an audience member: where it gets its events and runs its sends and reads (its votes) instead of the bus and
    /// the thread pool (the audience's one subscription per session and own threads), so 10,000 members never hold up a
    /// player's move.
    /// </summary>
    internal Audience.AudienceFanout? Fanout { get; init; }

    public async Task RunAsync(HttpContext context, CancellationToken stopping)
    {
        // Subscribed before the upgrade completes, so nothing published after the client's connect returns is missed.
        using var subscription = Fanout is { } fanout ? fanout.Subscribe(audience.Code, Enqueue) : bus.Subscribe(audience.Code, Enqueue);
        using var tracked = audience.PlayerId is { } playerId ? presence.Track(audience.Code, playerId) : null;
        // Compression is never negotiated unless configured; with it, each message is compressed on its own (no context
        // kept between messages), so a socket's memory does not grow with what it was sent.
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            DangerousEnableCompression = Compression,
            DisableServerContextTakeover = true,
        });
        if (context.RequestServices.GetService<IConnectionOpenedHook>() is { } opened)
        {
            await opened.OpenedAsync("websocket", audience.Code, context.RequestAborted);
        }

        Volatile.Write(ref _socket, socket);
        if (Volatile.Read(ref _overflowed) == 1)
        {
            socket.Abort();
            return;
        }

        using var stopSending = new CancellationTokenSource();
        await using var shutdown = stopping.Register(() => _outbox.Writer.TryWrite(Frame.Close(WebSocketCloseStatus.EndpointUnavailable, "The server is restarting.")));
        var receiving = ReceiveAsync(socket, context.RequestAborted);
        var sending = SendAsync(socket, stopSending.Token);
        if (await Task.WhenAny(receiving, sending) == receiving)
        {
            // The client closed or vanished: stop sending, then complete its close handshake if it started one.
            await stopSending.CancelAsync();
            await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (socket.State == WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        else
        {
            // We closed (the session ended, the player was removed, the server stops) or sending failed.
            if (socket.State == WebSocketState.CloseSent)
            {
                await receiving.WaitAsync(CloseHandshakeTimeout, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (socket.State != WebSocketState.Closed)
            {
                socket.Abort();
            }

            await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // Runs on the publishing thread: only a non-blocking hand-off.
    private void Enqueue(GameEvent gameEvent) => Send(Frame.Event(gameEvent));

    private void Send(Frame frame)
    {
        if (_outbox.Writer.TryWrite(frame))
        {
            return;
        }

        if (Interlocked.Exchange(ref _overflowed, 1) == 0)
        {
            LogOverflow(logger, audience.Code, audience.PlayerId ?? "screen");
            _outbox.Writer.TryComplete();
            Volatile.Read(ref _socket)?.Abort();
        }
    }

    private async Task SendAsync(WebSocket socket, CancellationToken stop)
    {
        if (Fanout is { } fanout)
        {
            await fanout.SwitchTo();
        }

        var reader = _outbox.Reader;
        // One send timeout per connection, re-armed for each frame: a new CancellationTokenSource per frame allocated it
        // and a timer for every frame of every socket (1.3 million per game with 10,000 audience sockets).
        var timeout = new CancellationTokenSource();
        try
        {
            while (await reader.WaitToReadAsync(stop))
            {
                while (reader.TryRead(out var frame))
                {
                    // A send that does not finish in time aborts the socket (a cancelled WebSocket send always does). A timer
                    // that fired just after the previous send finished leaves the source cancelled: then a fresh one.
                    if (!timeout.TryReset())
                    {
                        timeout.Dispose();
                        timeout = new CancellationTokenSource();
                    }

                    timeout.CancelAfter(SendTimeout);
                    if (frame.CloseStatus is { } status)
                    {
                        await socket.CloseOutputAsync(status, frame.CloseReason, timeout.Token);
                        return;
                    }

                    var bytes = frame.Bytes ?? EventFrames.For(frame.GameEvent!, audience.Viewer).Utf8;
                    await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
                    if (frame.GameEvent is { } sent && EndsConnection(sent) is { } reason)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, timeout.Token);
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            LogSlowConsumer(logger, audience.Code, audience.PlayerId ?? "screen", SendTimeout.TotalSeconds);
            socket.Abort();
        }
        finally
        {
            timeout.Dispose();
        }
    }

    private async Task ReceiveAsync(WebSocket socket, CancellationToken aborted)
    {
        // An audience member reads (and votes) on the audience's threads too: 10,000 votes in a few seconds would
        // otherwise queue on the thread pool ahead of the players' moves.
        if (Fanout is { } fanout)
        {
            await fanout.SwitchTo();
        }

        // Small at first and grown only for a longer message: every idle connection holds this buffer for its whole life,
        // and most clients send nothing but 15-byte pings (10,000 audience sockets × 4 KB was 40 MB of idle heap).
        var buffer = new byte[InitialIncomingBytes];
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= MaxIncomingBytes)
                    {
                        socket.Abort();
                        return;
                    }

                    Array.Resize(ref buffer, Math.Min(buffer.Length * 4, MaxIncomingBytes));
                }

                result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType != WebSocketMessageType.Text)
            {
                continue;
            }

            if (IsPing(buffer.AsSpan(0, length)))
            {
                Send(Frame.Pong);
            }
            else if (SocketMove.Read(buffer.AsSpan(0, length)) is { } move)
            {
                // One move at a time, answered in the order sent: the next message is read once this one is answered.
                Send(Frame.Reply(SocketMove.Answer(move.Id, await MakeAsync(move, aborted))));
            }
        }
    }

    // A move that fails unexpectedly is answered as REST answers such a request, and the connection stays open.
    private async Task<HubReply> MakeAsync(SocketMove move, CancellationToken aborted)
    {
        if (move.Problem is { } invalid)
        {
            return HubReply.Fail(invalid);
        }

        try
        {
            return await moves.MakeAsync(audience, move.Name!, move.Payload, aborted);
        }
        catch (Exception ex) when (!aborted.IsCancellationRequested)
        {
            LogMoveFailed(logger, ex, move.Name!, audience.Code);
            return HubReply.Fail(ApiProblem.Create(StatusCodes.Status500InternalServerError, ApiErrorCodes.InternalError,
                "Something went wrong on our side; try again."));
        }
    }

    private static bool IsPing(ReadOnlySpan<byte> message)
    {
        try
        {
            var reader = new Utf8JsonReader(message);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if (isType)
                {
                    return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("ping"u8);
                }

                reader.Skip();
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>After these events nothing more will come for this socket, so the server closes it.</summary>
    private string? EndsConnection(GameEvent gameEvent) => gameEvent.Type switch
    {
        EventTypes.SessionEnded => "The session ended.",
        EventTypes.PlayerKicked or EventTypes.PlayerLeft when audience.PlayerId is { } me && Involves(gameEvent, me) => "You left the session.",
        _ => null,
    };

    private static bool Involves(GameEvent gameEvent, string playerId) =>
        JsonSerializer.SerializeToElement(gameEvent.Data, Core.Engine.GameJson.Options) is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("playerId", out var id) && id.ValueKind == JsonValueKind.String && id.ValueEquals(playerId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The move {Move} sent over a WebSocket in {Code} failed.")]
    private static partial void LogMoveFailed(ILogger logger, Exception exception, string move, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WebSocket of {Who} in {Code} fell more than the queue behind; disconnected.")]
    private static partial void LogOverflow(ILogger logger, string code, string who);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WebSocket of {Who} in {Code} took more than {Seconds} s to take one frame; disconnected.")]
    private static partial void LogSlowConsumer(ILogger logger, string code, string who, double seconds);

    /// <summary>
    /// One queued frame, held by value in the outbox: a reference type cost an allocation per connection per event
    /// (1.5 million in one game with 10,000 audience sockets).
    /// </summary>
    private readonly record struct Frame(GameEvent? GameEvent, byte[]? Bytes, WebSocketCloseStatus? CloseStatus, string? CloseReason)
    {
        public static Frame Pong => new(null, EventFrames.Pong, null, null);

        public static Frame Event(GameEvent gameEvent) => new(gameEvent, null, null, null);

        public static Frame Reply(byte[] bytes) => new(null, bytes, null, null);

        public static Frame Close(WebSocketCloseStatus status, string reason) => new(null, null, status, reason);
    }
}
