namespace PartyProtocol.Bench.Measurement;

/// <summary>
/// For one session: collects each connection's arrival of every deadline-caused transition and, when the last of the
/// session's connections has it, records deadline → last arrival.
/// </summary>
public sealed class TransitionTracker(int connections, LatencyRecorder recorder)
{
    private readonly Dictionary<long, (DateTimeOffset Deadline, int Seen, DateTimeOffset Latest)> _open = [];
    private readonly Lock _gate = new();

    public void Arrived(long seq, DateTimeOffset deadline, DateTimeOffset arrived)
    {
        lock (_gate)
        {
            var entry = _open.TryGetValue(seq, out var existing) ? existing : (Deadline: deadline, Seen: 0, Latest: arrived);
            entry = (entry.Deadline, entry.Seen + 1, arrived > entry.Latest ? arrived : entry.Latest);
            if (entry.Seen >= connections)
            {
                _open.Remove(seq);
                recorder.Record(entry.Latest - entry.Deadline);
            }
            else
            {
                _open[seq] = entry;
            }
        }
    }

    /// <summary>Transitions some connection never received (their loss is counted by the seq check too).</summary>
    public int Incomplete
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }
}
