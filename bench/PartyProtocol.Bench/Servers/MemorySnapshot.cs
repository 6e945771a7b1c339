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
