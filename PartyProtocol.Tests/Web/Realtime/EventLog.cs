using System.Text.Json;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>Everything one client received, in arrival order, with bounded waits for what should arrive.</summary>
public sealed class EventLog
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly List<JsonElement> _messages = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(JsonElement message)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _messages.Add(message.Clone());
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public IReadOnlyList<JsonElement> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Messages that are events (everything but pongs and the replies to moves, which carry a seq too).</summary>
    public IReadOnlyList<JsonElement> Events => All.Where(m => m.TryGetProperty("seq", out _) && !IsReply(m)).ToList();

    /// <summary>Replies to moves sent over the WebSocket.</summary>
    public IReadOnlyList<JsonElement> Replies => All.Where(IsReply).ToList();

    public static bool IsReply(JsonElement message) =>
        message.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "reply";

    public IReadOnlyList<JsonElement> OfType(string type) => Events.Where(e => e.GetProperty("type").GetString() == type).ToList();

    /// <summary>Waits until a message matches, failing the test after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                foreach (var message in _messages)
                {
                    if (match(message))
                    {
                        return message;
                    }
                }

                changed = _changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                Assert.Fail($"Timed out waiting for {what}. Received: {string.Join(", ", All.Select(Describe))}");
            }

            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    public Task<JsonElement> WaitForSeqAsync(long seq, TimeSpan? timeout = null) =>
        WaitForAsync(m => m.TryGetProperty("seq", out var s) && s.GetInt64() == seq, $"event #{seq}", timeout);

    public Task<JsonElement> WaitForTypeAsync(string type, Func<JsonElement, bool>? also = null, TimeSpan? timeout = null) =>
        WaitForAsync(m => m.GetProperty("type").GetString() == type && (also is null || also(m)), type, timeout);

    private static string Describe(JsonElement message) =>
        message.TryGetProperty("seq", out var seq) ? $"{message.GetProperty("type").GetString()}#{seq.GetInt64()}" : message.GetProperty("type").GetString()!;
}
