using System.Diagnostics;
using System.Net;

namespace PartyProtocol.Web.Diagnostics;

/// <summary>
/// Opt-in endpoints for measuring the server (the benchmark in bench/ reads them): mapped only when configuration
/// <c>Diagnostics:Enabled</c> is true, and answered only to callers on this machine, because forcing a full GC is
/// not something the internet may do.
/// </summary>
public static class DiagnosticsEndpoints
{
    public const string MemoryPath = "/internal/diagnostics/memory";
    public const string RuntimePath = "/internal/diagnostics/runtime";

    public static IEndpointRouteBuilder MapDiagnostics(this IEndpointRouteBuilder endpoints)
    {
        var configuration = endpoints.ServiceProvider.GetRequiredService<IConfiguration>();
        if (!configuration.GetValue("Diagnostics:Enabled", defaultValue: false))
        {
            return endpoints;
        }

        endpoints.MapGet(MemoryPath, (HttpContext context) => IsLocal(context.Connection)
                ? Results.Ok(MemoryReport.AfterFullCollection())
                : Results.NotFound())
            .ExcludeFromDescription();
        endpoints.MapGet(RuntimePath, (HttpContext context) => IsLocal(context.Connection)
                ? Results.Ok(RuntimeCounters.Now())
                : Results.NotFound())
            .ExcludeFromDescription();
        return endpoints;
    }

    private static bool IsLocal(ConnectionInfo connection) =>
        connection.RemoteIpAddress is { } remote && (IPAddress.IsLoopback(remote) || remote.Equals(connection.LocalIpAddress));
}

/// <summary>
/// The process's memory after a forced, compacting full collection, so that what remains is what is really held.
/// </summary>
/// <param name="ManagedHeapBytes"><see cref="GC.GetTotalMemory(bool)"/> after the collection.</param>
/// <param name="WorkingSetBytes">Physical memory of the process (managed, native and code).</param>
/// <param name="GcHeapSizeBytes">Heap size including fragmentation, from <see cref="GC.GetGCMemoryInfo()"/>.</param>
/// <param name="GcCommittedBytes">Memory the GC has committed from the OS.</param>
public sealed record MemoryReport(long ManagedHeapBytes, long WorkingSetBytes, long GcHeapSizeBytes, long GcCommittedBytes)
{
    public static MemoryReport AfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        using var process = Process.GetCurrentProcess();
        return new MemoryReport(managed, process.WorkingSet64, info.HeapSizeBytes, info.TotalCommittedBytes);
    }
}

/// <summary>
/// Cumulative runtime counters, read without disturbing the process: the benchmark takes them before and after a run
/// and reports the difference (GC pauses are the usual suspect behind a latency tail).
/// </summary>
public sealed record RuntimeCounters(double GcPauseMs, int Gen0Collections, int Gen1Collections, int Gen2Collections, long AllocatedBytes,
    double CpuMs, int ThreadPoolThreads, long ThreadPoolQueueLength)
{
    public static RuntimeCounters Now()
    {
        using var process = Process.GetCurrentProcess();
        return new RuntimeCounters(GC.GetTotalPauseDuration().TotalMilliseconds, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            GC.GetTotalAllocatedBytes(), process.TotalProcessorTime.TotalMilliseconds, ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount);
    }
}
