using System.Diagnostics;

namespace PartyProtocol.Bench.Servers;

/// <summary>
/// A server's memory after a forced, compacting full GC — the shape of <c>GET /internal/diagnostics/memory</c>, which
/// the web app serves when <c>Diagnostics:Enabled=true</c> and the baseline server always serves.
/// </summary>
public sealed record MemorySnapshot(long ManagedHeapBytes, long WorkingSetBytes, long GcHeapSizeBytes, long GcCommittedBytes)
{
    public const string Path = "internal/diagnostics/memory";

    public static MemorySnapshot TakeAfterFullGc()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(managed, process.WorkingSet64, info.HeapSizeBytes, info.TotalCommittedBytes);
    }
}

/// <summary>Cumulative runtime counters — the shape of <c>GET /internal/diagnostics/runtime</c>.</summary>
public sealed record RuntimeCounters(double GcPauseMs, int Gen0Collections, int Gen1Collections, int Gen2Collections, long AllocatedBytes,
    double CpuMs, int ThreadPoolThreads, long ThreadPoolQueueLength)
{
    public const string Path = "internal/diagnostics/runtime";

    public static RuntimeCounters Now()
    {
        using var process = Process.GetCurrentProcess();
        return new RuntimeCounters(GC.GetTotalPauseDuration().TotalMilliseconds, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            GC.GetTotalAllocatedBytes(), process.TotalProcessorTime.TotalMilliseconds, ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount);
    }

    /// <summary>The counters of all <paramref name="servers"/> summed, or null when one does not serve them.</summary>
    public static async Task<RuntimeCounters?> ReadAsync(HttpClient http, IReadOnlyList<Uri> servers, CancellationToken cancellationToken)
    {
        try
        {
            var all = new List<RuntimeCounters>();
            foreach (var server in servers)
            {
                using var response = await http.GetAsync(new Uri(server, Path), cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                all.Add((await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<RuntimeCounters>(response.Content, cancellationToken))!);
            }

            return Sum(all);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public static RuntimeCounters Sum(IEnumerable<RuntimeCounters> all) => all.Aggregate(new RuntimeCounters(0, 0, 0, 0, 0, 0, 0, 0), (a, b) =>
        new(a.GcPauseMs + b.GcPauseMs, a.Gen0Collections + b.Gen0Collections, a.Gen1Collections + b.Gen1Collections,
            a.Gen2Collections + b.Gen2Collections, a.AllocatedBytes + b.AllocatedBytes, a.CpuMs + b.CpuMs, a.ThreadPoolThreads + b.ThreadPoolThreads,
            a.ThreadPoolQueueLength + b.ThreadPoolQueueLength));
}
