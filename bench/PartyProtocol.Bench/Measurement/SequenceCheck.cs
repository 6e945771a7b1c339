namespace PartyProtocol.Bench.Measurement;

/// <summary>Counts gaps and repeats in one connection's seq numbers.</summary>
public sealed class SequenceCheck
{
    private readonly Lock _gate = new();
    private long _first;
    private long _last;
    private long _gaps;
    private long _repeats;

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

    public void Observe(long seq)
    {
        lock (_gate)
        {
            if (_last == 0)
            {
                _first = seq;
                _last = seq;
            }
            else if (seq <= _last)
            {
                _repeats++;
            }
            else
            {
                _gaps += seq - _last - 1;
                _last = seq;
            }
        }
    }

    /// <summary>Lost and repeated events, given that this connection had to see every seq from first to last.</summary>
    public (long Lost, long Repeated) Verdict(long expectedFirst, long expectedLast)
    {
        lock (_gate)
        {
            if (expectedLast < expectedFirst)
            {
                return (0, _repeats);
            }

            if (_last == 0)
            {
                return (expectedLast - expectedFirst + 1, 0);
            }

            var lost = _gaps;
            if (_first > expectedFirst)
            {
                lost += _first - expectedFirst;
            }

            if (_last < expectedLast)
            {
                lost += expectedLast - _last;
            }

            return (lost, _repeats);
        }
    }
}
