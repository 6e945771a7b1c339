namespace PartyProtocol.Bench.Measurement;

/// <summary>
/// One connection's seq numbers: which arrived, which arrived twice, and which arrived after a later one (out of order
/// — not lost, but a client applying events in arrival order would get the game wrong).
/// </summary>
public sealed class SequenceCheck
{
    private const int MaxNotes = 3;

    private readonly HashSet<long> _seen = [];
    private readonly List<string> _notes = [];
    private readonly Lock _gate = new();
    private long _last;
    private long _repeats;
    private long _outOfOrder;

    public long Last
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    /// <summary>A few descriptions of what went wrong (repeats and late arrivals), for the report.</summary>
    public IReadOnlyList<string> Notes
    {
        get
        {
            lock (_gate)
            {
                return [.. _notes];
            }
        }
    }

    public void Observe(long seq, string type = "")
    {
        lock (_gate)
        {
            if (!_seen.Add(seq))
            {
                _repeats++;
                Note($"seq {seq} ({type}) arrived again");
            }
            else if (seq < _last)
            {
                _outOfOrder++;
                Note($"seq {seq} ({type}) arrived after seq {_last}");
            }

            _last = Math.Max(_last, seq);
        }
    }

    /// <summary>Events of expectedFirst..expectedLast never received, events received twice, events received late.</summary>
    public (long Lost, long Repeated, long OutOfOrder) Verdict(long expectedFirst, long expectedLast)
    {
        lock (_gate)
        {
            long lost = 0;
            for (var seq = expectedFirst; seq <= expectedLast; seq++)
            {
                if (!_seen.Contains(seq))
                {
                    lost++;
                }
            }

            return (lost, _repeats, _outOfOrder);
        }
    }

    private void Note(string note)
    {
        if (_notes.Count < MaxNotes)
        {
            _notes.Add(note);
        }
    }
}
