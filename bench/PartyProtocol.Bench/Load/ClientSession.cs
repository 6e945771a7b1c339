using PartyProtocol.Bench.Clients;
using PartyProtocol.Bench.Measurement;

namespace PartyProtocol.Bench.Load;

/// <summary>
/// The bookkeeping of one connected client: its seq check, its view of the phase deadlines, and a signal when the
/// event that ends its game (or baseline run) arrives. A bot, if any, gets every event after it is measured.
/// </summary>
public sealed class ClientSession(RunMetrics metrics, TransitionTracker transitions, IPhaseClock clock, string finalEventType,
    Action<ReceivedEvent>? bot)
{
    private readonly DeadlineWatcher _watcher = new(clock);
    private readonly TaskCompletionSource<long> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _events;

    public SequenceCheck Sequence { get; } = new();

    /// <summary>Completes with the seq of the final event.</summary>
    public Task<long> Finished => _finished.Task;

    public long Events => Interlocked.Read(ref _events);

    public IEventConnection? Connection { get; set; }

    public ConnectionCallbacks Callbacks => new(OnEvent, (kind, detail) => metrics.Error(kind, detail));

    private void OnEvent(ReceivedEvent received)
    {
        metrics.EventReceived(received.At, received.Arrived, received.FrameBytes);
        Interlocked.Increment(ref _events);
        // Events outside the session's order (audience.updated: seq 0, a gauge) are left out of the seq check.
        if (received.Seq > 0)
        {
            Sequence.Observe(received.Seq, received.Type);
        }

        if (_watcher.Observe(received) is { } deadline)
        {
            transitions.Arrived(received.Seq, deadline, received.Arrived);
        }

        if (received.Type == "session.resync")
        {
            metrics.ResyncReceived();
        }

        if (received.Type == finalEventType)
        {
            _finished.TrySetResult(received.Seq);
        }

        bot?.Invoke(received);
    }

    /// <summary>Connects, closing nothing on failure (the caller disposes every connection).</summary>
    public async Task<bool> ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await Connection!.ConnectAsync(limit.Token);
            metrics.Connect.RecordTicks(System.Diagnostics.Stopwatch.GetTimestamp() - started);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Error("connect_failed", $"{ex.GetType().Name}: {ex.Message}");
            return false;
        }
    }
}
