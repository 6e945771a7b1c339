using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PartyProtocol.Bench.Servers;

/// <summary>
/// The floor: a minimal raw-WebSocket broadcast server on Kestrel, with nothing of the game in it. Clients join a group
/// at <c>/ws/{group}</c>; once started, a group broadcasts a timed "phase" event at each deadline (a timer, as the game's
/// deadlines are), and every <c>POST /baseline/{group}/moves</c> broadcasts a "move" event (as a REST move does).
/// Events have the game's envelope <c>{ type, code, seq, at, data }</c>, padded to the game's mean frame size.
/// Run as a separate process (<c>PartyProtocol.Bench baseline-server</c>) with server GC, like the web app.
/// </summary>
public static class BaselineServer
{
    public const string Verb = "baseline-server";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        var app = builder.Build();
        var groups = new ConcurrentDictionary<string, BroadcastGroup>(StringComparer.Ordinal);

        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        app.Map("/ws/{group}", async (HttpContext context, string group) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            var target = groups.GetOrAdd(group, g => new BroadcastGroup(g));
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var member = new Member(socket);
            target.Add(member);
            try
            {
                await member.RunAsync();
            }
            finally
            {
                target.Remove(member);
            }
        });
        app.MapPost("/baseline/{group}/start", (string group, StartRequest request) =>
            groups.TryGetValue(group, out var target) ? Results.Ok(new { seq = target.Start(request) }) : Results.NotFound());
        app.MapPost("/baseline/{group}/moves", (string group) =>
            groups.TryGetValue(group, out var target) ? Results.Ok(new { seq = target.Broadcast("move", deadline: null) }) : Results.NotFound());
        app.MapDelete("/baseline/{group}", (string group) =>
        {
            if (groups.TryRemove(group, out var target))
            {
                target.Dispose();
            }

            return Results.NoContent();
        });
        app.MapGet("/" + MemorySnapshot.Path, () => Results.Ok(MemorySnapshot.TakeAfterFullGc()));
        app.MapGet("/" + RuntimeCounters.Path, () => Results.Ok(RuntimeCounters.Now()));
        await app.RunAsync();
        return 0;
    }

    /// <param name="PhaseMs">Length of a phase.</param>
    /// <param name="Phases">Phases before the final "end" event.</param>
    /// <param name="PadBytes">Filler in each event's data, to match the game's frame size.</param>
    public sealed record StartRequest(int PhaseMs, int Phases, int PadBytes);

    private sealed class BroadcastGroup(string name) : IDisposable
    {
        private readonly List<Member> _members = [];
        private readonly Lock _gate = new();
        private ITimer? _timer;
        private long _seq;
        private int _phase;
        private StartRequest _plan = new(1000, 0, 0);
        private string _pad = string.Empty;

        public void Add(Member member)
        {
            lock (_gate)
            {
                _members.Add(member);
            }
        }

        public void Remove(Member member)
        {
            lock (_gate)
            {
                _members.Remove(member);
            }
        }

        public long Start(StartRequest plan)
        {
            lock (_gate)
            {
                _plan = plan;
                _pad = new string('x', Math.Clamp(plan.PadBytes, 0, 64 * 1024));
                _timer = TimeProvider.System.CreateTimer(_ => NextPhase(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                return NextPhaseLocked();
            }
        }

        public long Broadcast(string type, DateTimeOffset? deadline)
        {
            lock (_gate)
            {
                return BroadcastLocked(type, deadline);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _timer?.Dispose();
                _timer = null;
            }
        }

        private void NextPhase()
        {
            lock (_gate)
            {
                NextPhaseLocked();
            }
        }

        private long NextPhaseLocked()
        {
            if (_timer is null)
            {
                return _seq;
            }

            if (_phase >= _plan.Phases)
            {
                _timer.Dispose();
                _timer = null;
                return BroadcastLocked("end", deadline: null);
            }

            _phase++;
            var length = TimeSpan.FromMilliseconds(_plan.PhaseMs);
            var deadline = DateTimeOffset.UtcNow + length;
            var seq = BroadcastLocked("phase", deadline);
            _timer.Change(deadline - DateTimeOffset.UtcNow is { } due && due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            return seq;
        }

        // Serialised once per event and queued to every member under the lock, so each member gets seq order.
        private long BroadcastLocked(string type, DateTimeOffset? deadline)
        {
            var seq = ++_seq;
            var now = DateTimeOffset.UtcNow;
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 + _pad.Length);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("type", type);
                json.WriteString("code", name);
                json.WriteNumber("seq", seq);
                json.WriteString("at", now);
                json.WriteStartObject("data");
                if (deadline is { } d)
                {
                    json.WriteString("deadline", d);
                    json.WriteNumber("remainingMs", (long)(d - now).TotalMilliseconds);
                }

                json.WriteString("pad", _pad);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            var frame = buffer.WrittenMemory.ToArray();
            foreach (var member in _members)
            {
                member.Enqueue(frame);
            }

            return seq;
        }
    }

    /// <summary>One socket: a bounded outbox drained by one sender, and a receiver that answers pings.</summary>
    private sealed class Member(WebSocket socket)
    {
        private static readonly byte[] Pong = """{"type":"pong"}"""u8.ToArray();

        private readonly Channel<byte[]> _outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(512)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        public void Enqueue(byte[] frame)
        {
            if (!_outbox.Writer.TryWrite(frame))
            {
                socket.Abort();
            }
        }

        public async Task RunAsync()
        {
            var sending = SendAsync();
            var buffer = new byte[4096];
            try
            {
                while (true)
                {
                    var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    if (result.EndOfMessage && buffer.AsSpan(0, result.Count).IndexOf("\"ping\""u8) >= 0)
                    {
                        _outbox.Writer.TryWrite(Pong);
                    }
                }
            }
            catch (WebSocketException)
            {
                // The client vanished.
            }

            _outbox.Writer.TryComplete();
            await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (socket.State == WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        private async Task SendAsync()
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync())
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
        }
    }
}
