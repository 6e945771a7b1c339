using HdrHistogram;

namespace PartyProtocol.Bench.Measurement;

/// <summary>
/// A thread-safe HdrHistogram of durations in microseconds (1 µs to 10 minutes, 3 significant digits), with an
/// interval copy that the progress line reads and resets.
/// </summary>
public sealed class LatencyRecorder
{
    private const long HighestMicroseconds = 600_000_000;
    private readonly LongHistogram _total = new(HighestMicroseconds, 3);
    private readonly LongHistogram _interval = new(HighestMicroseconds, 3);
    private readonly Lock _gate = new();

    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _total.TotalCount;
            }
        }
    }

    public void Record(TimeSpan duration)
    {
        // A negative duration means the clocks of sender and receiver disagree by more than the latency; clamp rather
        // than lose the sample (both ends run on this machine and read the same clock).
        var micros = Math.Clamp((long)duration.TotalMicroseconds, 1, HighestMicroseconds);
        lock (_gate)
        {
            _total.RecordValue(micros);
            _interval.RecordValue(micros);
        }
    }

    public void RecordTicks(long stopwatchTicks) => Record(TimeSpan.FromSeconds(stopwatchTicks / (double)System.Diagnostics.Stopwatch.Frequency));

    /// <summary>Adds every sample of <paramref name="other"/> (for totals across endpoints).</summary>
    public void AddFrom(LatencyRecorder other)
    {
        HistogramBase copy;
        lock (other._gate)
        {
            copy = other._total.Copy();
        }

        lock (_gate)
        {
            _total.Add(copy);
        }
    }

    public LatencySummary Summarize()
    {
        lock (_gate)
        {
            return LatencySummary.From(_total);
        }
    }

    /// <summary>The samples since the previous call, then starts a new interval.</summary>
    public LatencySummary TakeInterval()
    {
        lock (_gate)
        {
            var summary = LatencySummary.From(_interval);
            _interval.Reset();
            return summary;
        }
    }
}

/// <summary>Percentiles of one histogram, in milliseconds.</summary>
public sealed record LatencySummary(long Count, double P50, double P90, double P99, double P999, double Max, double Mean)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary From(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return Empty;
        }

        static double Ms(long micros) => Math.Round(micros / 1000.0, 2);
        return new LatencySummary(
            histogram.TotalCount,
            Ms(histogram.GetValueAtPercentile(50)),
            Ms(histogram.GetValueAtPercentile(90)),
            Ms(histogram.GetValueAtPercentile(99)),
            Ms(histogram.GetValueAtPercentile(99.9)),
            Ms(histogram.GetMaxValue()),
            Math.Round(histogram.GetMean() / 1000.0, 2));
    }
}
