using System.Collections.Concurrent;

namespace PartyProtocol.Bench.Measurement;

/// <summary>Everything one load run measures; safe to record into from any thread.</summary>
public sealed class RunMetrics
{
    private const int MaxErrorSamples = 20;

    private readonly ConcurrentDictionary<string, LatencyRecorder> _rest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _refusals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errorSamples = new();
    private readonly ConcurrentQueue<string> _sequenceNotes = new();
    private long _events;
    private long _eventBytes;
    private long _sizedEvents;
    private long _restRequests;
    private long _lost;
    private long _duplicated;
    private long _outOfOrder;
    private long _resyncs;
    private long _gamesCompleted;
    private long _gamesFailed;
    private long _incompleteTransitions;

    /// <summary>Event <c>at</c> → arrival at the client, every event on every connection.</summary>
    public LatencyRecorder EventDelivery { get; } = new();

    /// <summary>A phase deadline → the last client of the session receiving the next phase's event.</summary>
    public LatencyRecorder DeadlineToLastClient { get; } = new();

    /// <summary>A real-time connection: connect, then a ping round trip proving it is subscribed.</summary>
    public LatencyRecorder Connect { get; } = new();

    public IReadOnlyDictionary<string, LatencyRecorder> Rest => _rest;

    public IReadOnlyDictionary<string, long> Errors => _errors;

    public IReadOnlyDictionary<string, long> Refusals => _refusals;

    public IReadOnlyCollection<string> ErrorSamples => _errorSamples;

    public long Events => Interlocked.Read(ref _events);

    public long RestRequests => Interlocked.Read(ref _restRequests);

    public long Lost => Interlocked.Read(ref _lost);

    public long Duplicated => Interlocked.Read(ref _duplicated);

    /// <summary>Events that arrived after an event with a greater seq on the same connection.</summary>
    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    public IReadOnlyCollection<string> SequenceNotes => _sequenceNotes;

    /// <summary><c>session.resync</c> events received: the server telling clients it lost events between instances.</summary>
    public long Resyncs => Interlocked.Read(ref _resyncs);

    public void ResyncReceived() => Interlocked.Increment(ref _resyncs);

    public long GamesCompleted => Interlocked.Read(ref _gamesCompleted);

    public long GamesFailed => Interlocked.Read(ref _gamesFailed);

    public long IncompleteTransitions => Interlocked.Read(ref _incompleteTransitions);

    public long ErrorCount => _errors.Values.Sum();

    /// <summary>Mean size of an event frame in bytes (only transports that see raw frames report sizes).</summary>
    public double MeanEventBytes
    {
        get
        {
            var sized = Interlocked.Read(ref _sizedEvents);
            return sized == 0 ? 0 : Interlocked.Read(ref _eventBytes) / (double)sized;
        }
    }

    public void EventReceived(DateTimeOffset at, DateTimeOffset arrived, int frameBytes)
    {
        Interlocked.Increment(ref _events);
        if (frameBytes > 0)
        {
            Interlocked.Add(ref _eventBytes, frameBytes);
            Interlocked.Increment(ref _sizedEvents);
        }

        EventDelivery.Record(arrived - at);
    }

    public void RestCompleted(string endpoint, long stopwatchTicks)
    {
        Interlocked.Increment(ref _restRequests);
        _rest.GetOrAdd(endpoint, _ => new LatencyRecorder()).RecordTicks(stopwatchTicks);
    }

    /// <summary>A move sent on a WebSocket, answered by its reply: timed with the REST calls, not counted as one.</summary>
    public void SocketMoveCompleted(string endpoint, long stopwatchTicks) =>
        _rest.GetOrAdd(endpoint, _ => new LatencyRecorder()).RecordTicks(stopwatchTicks);

    /// <summary>A refused call: a refusal when its code is one the caller expects (a move racing a deadline), else an error.</summary>
    public void Refused(string? code, string[] expectedRefusals, string errorKind, string detail)
    {
        if (Array.IndexOf(expectedRefusals, code) >= 0)
        {
            Refused(code!);
        }
        else
        {
            Error(errorKind, detail);
        }
    }

    public void Refused(string code) => _refusals.AddOrUpdate(code, 1, (_, n) => n + 1);

    public void Error(string kind, string detail)
    {
        _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
        if (_errorSamples.Count < MaxErrorSamples)
        {
            _errorSamples.Enqueue($"{kind}: {detail}");
        }
    }

    public void SequenceProblems(long lost, long duplicated, long outOfOrder, IEnumerable<string> notes)
    {
        Interlocked.Add(ref _lost, lost);
        Interlocked.Add(ref _duplicated, duplicated);
        Interlocked.Add(ref _outOfOrder, outOfOrder);
        foreach (var note in notes)
        {
            if (_sequenceNotes.Count < MaxErrorSamples)
            {
                _sequenceNotes.Enqueue(note);
            }
        }
    }

    public void GameCompleted() => Interlocked.Increment(ref _gamesCompleted);

    public void GameFailed() => Interlocked.Increment(ref _gamesFailed);

    public void TransitionsIncomplete(long count) => Interlocked.Add(ref _incompleteTransitions, count);

    /// <summary>Every REST sample of the run in one histogram.</summary>
    public LatencyRecorder AllRest()
    {
        var all = new LatencyRecorder();
        foreach (var recorder in _rest.Values)
        {
            all.AddFrom(recorder);
        }

        return all;
    }
}
