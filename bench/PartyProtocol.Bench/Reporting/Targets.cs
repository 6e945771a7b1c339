using System.Globalization;
using System.Text.RegularExpressions;

namespace PartyProtocol.Bench.Reporting;

/// <summary>
/// The targets of issue #7, checked for each game run (the baseline is the floor, not a subject), and issue #20's: the
/// hub's p99 event delivery against the plain WebSocket's, for each pair of runs that differ only in the transport.
/// </summary>
public static partial class Targets
{
    public const double EventDeliveryP99Ms = 100;
    public const double RestP99Ms = 50;
    public const double DeadlineToLastClientP99Ms = 200;
    public const double MemoryPerClientBytes = 50 * 1024;
    public const double AddedP99WithRedisMs = 10;

    /// <summary>Issue #20: the hub's p99 event delivery at most this many times the plain WebSocket's in the same run.</summary>
    public const double HubOverWebSocketP99 = 1.3;

    public static IReadOnlyList<TargetCheck> Evaluate(IEnumerable<RunReport> runs)
    {
        var checks = new List<TargetCheck>();
        var all = runs.ToList();
        foreach (var run in all)
        {
            checks.Add(new(run.Name, "no event lost or duplicated", F($"{run.Lost} lost, {run.Duplicated} duplicated, {run.OutOfOrder} out of order"),
                run.Lost == 0 && run.Duplicated == 0 && run.OutOfOrder == 0));
            checks.Add(new(run.Name, "no error", F($"{run.ErrorCount} errors, {run.GamesFailed} failed games"), run.ErrorCount == 0 && run.GamesFailed == 0));
            checks.Add(new(run.Name, F($"p99 event delivery ≤ {EventDeliveryP99Ms} ms"), F($"{run.EventDelivery.P99:0.0} ms"),
                run.EventDelivery.Count > 0 && run.EventDelivery.P99 <= EventDeliveryP99Ms));
            checks.Add(new(run.Name, F($"p99 REST ≤ {RestP99Ms} ms"), F($"{run.RestAll.P99:0.0} ms"), run.RestAll.Count > 0 && run.RestAll.P99 <= RestP99Ms));
            checks.Add(new(run.Name, F($"p99 deadline → last client ≤ {DeadlineToLastClientP99Ms} ms"), F($"{run.DeadlineToLastClient.P99:0.0} ms"),
                run.DeadlineToLastClient.Count > 0 && run.DeadlineToLastClient.P99 <= DeadlineToLastClientP99Ms));
            if (run.Memory is { } memory)
            {
                // Judged on the larger of the two: what the process really holds per client, managed or not.
                var perClient = Math.Max(memory.ManagedBytesPerClient, memory.WorkingSetBytesPerClient);
                checks.Add(new(run.Name, "memory per idle client ≤ 50 KB",
                    F($"{memory.ManagedBytesPerClient / 1024:0.0} KB managed, {memory.WorkingSetBytesPerClient / 1024:0.0} KB working set"),
                    perClient <= MemoryPerClientBytes));
            }
        }

        foreach (var pair in all.Where(r => r.Instances > 1))
        {
            var single = all.FirstOrDefault(r => r.Instances == 1 && pair.Name.StartsWith(r.Name + " ", StringComparison.Ordinal));
            if (single is not null)
            {
                var added = pair.EventDelivery.P99 - single.EventDelivery.P99;
                checks.Add(new(pair.Name, F($"added p99 over one instance ≤ {AddedP99WithRedisMs} ms"),
                    F($"{added:+0.0;-0.0} ms ({single.EventDelivery.P99:0.0} → {pair.EventDelivery.P99:0.0})"), added <= AddedP99WithRedisMs));
            }
        }

        foreach (var hub in all.Where(r => r.Name.StartsWith("signalr", StringComparison.Ordinal)))
        {
            var socket = all.FirstOrDefault(r => r.Name == "websocket" + hub.Name["signalr".Length..]);
            if (socket is not null && socket.EventDelivery.P99 > 0 && hub.EventDelivery.Count > 0)
            {
                checks.Add(HubAgainstWebSocket(hub.Name, hub.EventDelivery.P99, socket.EventDelivery.P99));
            }
        }

        // With --repeat, the same comparison on the medians of the repeated runs, which a passing background load moves less.
        var medians = MedianP99s(all);
        foreach (var (group, hubP99) in medians.Where(m => m.Key.StartsWith("signalr", StringComparison.Ordinal)))
        {
            if (medians.TryGetValue("websocket" + group["signalr".Length..], out var socketP99) && socketP99 > 0)
            {
                checks.Add(HubAgainstWebSocket($"{group} (median)", hubP99, socketP99));
            }
        }

        return checks;
    }

    /// <summary>
    /// The median p99 event delivery of each configuration run more than once (--repeat), by the name without its
    /// "#n": "signalr js #1", "signalr js #2", "signalr js #3" → "signalr js".
    /// </summary>
    public static IReadOnlyDictionary<string, double> MedianP99s(IEnumerable<RunReport> runs) => runs
        .Where(r => r.EventDelivery.Count > 0)
        .GroupBy(r => RepeatMarker().Replace(r.Name, ""), StringComparer.Ordinal)
        .Where(g => g.Count() > 1)
        .ToDictionary(g => g.Key, g => Median(g.Select(r => r.EventDelivery.P99)), StringComparer.Ordinal);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static TargetCheck HubAgainstWebSocket(string run, double hubP99, double socketP99)
    {
        var ratio = hubP99 / socketP99;
        return new(run, F($"p99 event delivery ≤ {HubOverWebSocketP99}× the WebSocket's"),
            F($"{ratio:0.00}× ({hubP99:0.00} against {socketP99:0.00} ms)"), ratio <= HubOverWebSocketP99);
    }

    [GeneratedRegex(@" #\d+")]
    private static partial Regex RepeatMarker();

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
