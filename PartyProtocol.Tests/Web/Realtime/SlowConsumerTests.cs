using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Events;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Web.Protection;
using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>
/// The plain WebSocket negotiates per-message compression only when the operator turned it on
/// (<c>Realtime:WebSocketCompression</c>), and either way a client that stops reading cannot make the server hold
/// its events: it is disconnected, and its queue, subscription and connection slot are released. The client here is a
/// raw TCP socket that does the handshake by hand and then never reads again.
/// </summary>
public sealed class SlowConsumerTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CompressionIsNegotiatedOnlyWhenConfigured(bool configured)
    {
        using var app = new PartyAppFactory().WithSetting("Realtime:WebSocketCompression", configured ? "true" : "false");
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(null, "Ann");

        using var client = await RawSocket.OpenAsync(app.BaseAddress, game.Code, askForCompression: true);

        Assert.Equal(101, client.Status);
        Assert.Equal(configured, client.Headers.TryGetValue("sec-websocket-extensions", out var extensions));
        if (configured)
        {
            Assert.StartsWith("permessage-deflate", extensions, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AClientThatStopsReadingIsDisconnectedAndReleased(bool compression)
    {
        using var app = new PartyAppFactory().WithSetting("Realtime:WebSocketCompression", compression ? "true" : "false");
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(null, "Ann");
        var bus = app.Services.GetRequiredService<GameEventBus>();
        var limiter = app.Services.GetRequiredService<ConnectionLimiter>();
        using var client = await RawSocket.OpenAsync(app.BaseAddress, game.Code, askForCompression: compression);
        Assert.Equal(101, client.Status);
        await Eventually.TrueAsync(() => bus.SubscriptionCount(game.Code) == 1, "the socket subscribed");

        // 16 MB of events that do not compress, far more than the socket buffers and the server's queue hold.
        for (var i = 0; i < 1000; i++)
        {
            var filler = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12 * 1024));
            bus.Publish(new GameEvent("test.filler", game.Code, 1000 + i, DateTimeOffset.UtcNow, new { filler }));
        }

        await Eventually.TrueAsync(() => bus.SubscriptionCount(game.Code) == 0 && limiter.ConnectionsFrom("127.0.0.1") == 0,
            "the stalled socket to be dropped and its subscription and slot released", TimeSpan.FromSeconds(45));
        Assert.True(await client.SeesTheEndAsync(TimeSpan.FromSeconds(30)), "The server never closed the stalled connection.");
    }

    [Fact]
    public async Task AClientThatStopsReadingBeforeTheQueueFillsIsDisconnectedByTheSendTimeout()
    {
        using var app = new PartyAppFactory();
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(null, "Ann");
        var bus = app.Services.GetRequiredService<GameEventBus>();
        var limiter = app.Services.GetRequiredService<ConnectionLimiter>();
        using var client = await RawSocket.OpenAsync(app.BaseAddress, game.Code, askForCompression: false);
        Assert.Equal(101, client.Status);
        await Eventually.TrueAsync(() => bus.SubscriptionCount(game.Code) == 1, "the socket subscribed");

        // Fewer events than the queue holds, so it never overflows, but far more bytes than the socket buffers: the
        // frames before the stall are sent (the send timeout re-armed for each), then one send blocks and its timeout ends it.
        for (var i = 0; i < GameSocketConnection.QueueCapacity - 12; i++)
        {
            var filler = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12 * 1024));
            bus.Publish(new GameEvent("test.filler", game.Code, 1000 + i, DateTimeOffset.UtcNow, new { filler }));
        }

        await Eventually.TrueAsync(() => bus.SubscriptionCount(game.Code) == 0 && limiter.ConnectionsFrom("127.0.0.1") == 0,
            "the stalled socket to be dropped by the send timeout and its subscription and slot released",
            GameSocketConnection.SendTimeout + TimeSpan.FromSeconds(35));
    }

    /// <summary>A WebSocket client by hand over TCP, with a tiny receive buffer, that reads the handshake and then stops.</summary>
    private sealed class RawSocket : IDisposable
    {
        private readonly TcpClient _tcp;

        private RawSocket(TcpClient tcp, int status, Dictionary<string, string> headers)
        {
            _tcp = tcp;
            Status = status;
            Headers = headers;
        }

        public int Status { get; }

        public Dictionary<string, string> Headers { get; }

        public static async Task<RawSocket> OpenAsync(Uri baseAddress, string code, bool askForCompression)
        {
            var tcp = new TcpClient { ReceiveBufferSize = 4096 };
            await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
            var stream = tcp.GetStream();
            var request = new StringBuilder()
                .Append($"GET /ws/game/{code}/?role=host HTTP/1.1\r\n")
                .Append($"Host: {baseAddress.Authority}\r\n")
                .Append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                .Append($"Sec-WebSocket-Key: {Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))}\r\n")
                .Append(askForCompression ? "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" : "")
                .Append("\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()));

            // The response head, a byte at a time so nothing after it is read.
            var head = new StringBuilder();
            using var timeout = new CancellationTokenSource(EventLog.DefaultTimeout);
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 8192)
            {
                if (await stream.ReadAsync(one, timeout.Token) == 0)
                {
                    break;
                }

                head.Append((char)one[0]);
            }

            var lines = head.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
            return new RawSocket(tcp, status, headers);
        }

        /// <summary>Reads on at last: whatever was buffered, then the end of the stream (or a reset) within the time given.</summary>
        public async Task<bool> SeesTheEndAsync(TimeSpan within)
        {
            using var timeout = new CancellationTokenSource(within);
            var buffer = new byte[64 * 1024];
            try
            {
                while (await _tcp.GetStream().ReadAsync(buffer, timeout.Token) > 0)
                {
                }

                return true;
            }
            catch (IOException)
            {
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public void Dispose() => _tcp.Dispose();
    }
}
