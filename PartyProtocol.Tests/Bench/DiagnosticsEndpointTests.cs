using System.Net;
using System.Net.Http.Json;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Diagnostics;

namespace PartyProtocol.Tests.Bench;

/// <summary>The opt-in memory endpoint the benchmark reads.</summary>
public sealed class DiagnosticsEndpointTests
{
    [Fact]
    public async Task MemoryDiagnosticsAreNotServedUnlessEnabled()
    {
        using var app = new PartyAppFactory();
        using var client = app.CreateLiveClient();

        using var memory = await client.GetAsync(DiagnosticsEndpoints.MemoryPath.TrimStart('/'));
        using var runtime = await client.GetAsync(DiagnosticsEndpoints.RuntimePath.TrimStart('/'));

        Assert.Equal(HttpStatusCode.NotFound, memory.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, runtime.StatusCode);
    }

    [Fact]
    public async Task EnabledMemoryDiagnosticsReportTheHeapAfterAFullCollection()
    {
        using var app = new PartyAppFactory().WithSetting("Diagnostics:Enabled", "true");
        using var client = app.CreateLiveClient();

        var memory = await client.GetFromJsonAsync<MemoryReport>(DiagnosticsEndpoints.MemoryPath.TrimStart('/'));

        Assert.NotNull(memory);
        Assert.True(memory.ManagedHeapBytes > 0 && memory.WorkingSetBytes > 0 && memory.GcCommittedBytes > 0);
        Assert.True(memory.ManagedHeapBytes <= memory.GcHeapSizeBytes, $"{memory}");
    }

    [Fact]
    public async Task EnabledRuntimeCountersCountCollectionsAndProcessorTime()
    {
        using var app = new PartyAppFactory().WithSetting("Diagnostics:Enabled", "true");
        using var client = app.CreateLiveClient();

        var before = await client.GetFromJsonAsync<RuntimeCounters>(DiagnosticsEndpoints.RuntimePath.TrimStart('/'));
        // The memory endpoint forces a full collection, which the counters must show.
        await client.GetFromJsonAsync<MemoryReport>(DiagnosticsEndpoints.MemoryPath.TrimStart('/'));
        var after = await client.GetFromJsonAsync<RuntimeCounters>(DiagnosticsEndpoints.RuntimePath.TrimStart('/'));

        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.True(after.Gen2Collections > before.Gen2Collections, $"{before} → {after}");
        Assert.True(after.CpuMs > 0 && after.AllocatedBytes >= before.AllocatedBytes && after.ThreadPoolThreads > 0, $"{after}");
    }
}
