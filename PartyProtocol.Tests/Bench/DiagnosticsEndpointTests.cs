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

        using var response = await client.GetAsync(DiagnosticsEndpoints.MemoryPath.TrimStart('/'));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
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
}
