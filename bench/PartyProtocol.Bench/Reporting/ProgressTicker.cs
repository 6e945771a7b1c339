using System.Globalization;
using PartyProtocol.Bench.Measurement;
using PartyProtocol.Bench.Servers;

namespace PartyProtocol.Bench.Reporting;

/// <summary>Prints one progress line every few seconds while a run goes on.</summary>
public sealed class ProgressTicker : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ProgressTicker(string name, RunMetrics metrics, Func<string> games, Func<CancellationToken, Task<RuntimeCounters?>> server, TimeSpan every,
        ConsoleProgress log)
    {
        _loop = LoopAsync(name, metrics, games, server, every, log, _stop.Token);
    }

    /// <param name="server">The servers' runtime counters, to show their GC pauses per interval beside the latencies.</param>
    public static ProgressTicker Start(string name, RunMetrics metrics, Func<string> games, Func<CancellationToken, Task<RuntimeCounters?>> server,
        TimeSpan every, ConsoleProgress log) => new(name, metrics, games, server, every, log);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private static async Task LoopAsync(string name, RunMetrics metrics, Func<string> games, Func<CancellationToken, Task<RuntimeCounters?>> server,
        TimeSpan every, ConsoleProgress log, CancellationToken stop)
    {
        var previous = await server(stop);
        using var timer = new PeriodicTimer(every < TimeSpan.FromSeconds(0.5) ? TimeSpan.FromSeconds(0.5) : every);
        long events = 0, rest = 0;
        while (await timer.WaitForNextTickAsync(stop))
        {
            var (nowEvents, nowRest) = (metrics.Events, metrics.RestRequests);
            var delivery = metrics.EventDelivery.TakeInterval();
            var deadline = metrics.DeadlineToLastClient.TakeInterval();
            var seconds = every.TotalSeconds;
            var counters = await server(stop);
            var gc = counters is not null && previous is not null
                ? string.Create(CultureInfo.InvariantCulture, $"  server gc {counters.GcPauseMs - previous.GcPauseMs,5:0} ms")
                : string.Empty;
            previous = counters;
            log.Line(string.Create(CultureInfo.InvariantCulture,
                $"{name,-9} games {games()}  events {nowEvents,9:N0} ({(nowEvents - events) / seconds,7:N0}/s)  rest {nowRest,7:N0} ({(nowRest - rest) / seconds,5:N0}/s)  " +
                $"errors {metrics.ErrorCount}  lost {metrics.Lost}  dup {metrics.Duplicated}  late {metrics.OutOfOrder}  p99 event {delivery.P99,7:0.0} ms  p99 deadline→last {deadline.P99,7:0.0} ms{gc}"));
            (events, rest) = (nowEvents, nowRest);
        }
    }
}
