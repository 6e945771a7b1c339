using System.Diagnostics;
using PartyProtocol.Bench.Servers;

namespace PartyProtocol.Bench.Reporting;

/// <summary>
/// What the servers and this process spent during a run: processor time, and the servers' GC collections and pauses
/// (from their diagnostics endpoint; absent when a server does not serve it).
/// </summary>
public sealed class CpuMeter
{
    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _servers;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _benchStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly Func<TimeSpan>? _clients;
    private readonly TimeSpan _clientsStart;
    private RuntimeCounters? _serverStart;

    private CpuMeter(HttpClient http, IReadOnlyList<Uri> servers, Func<TimeSpan>? clients)
    {
        _http = http;
        _servers = servers;
        _clients = clients;
        _clientsStart = clients?.Invoke() ?? TimeSpan.Zero;
    }

    /// <param name="clients">The processor time of the process holding the JavaScript clients, when the run has one.</param>
    public static async Task<CpuMeter> StartAsync(HttpClient http, IReadOnlyList<Uri> servers, CancellationToken cancellationToken,
        Func<TimeSpan>? clients = null)
    {
        var meter = new CpuMeter(http, servers, clients);
        meter._serverStart = await meter.ReadAsync(cancellationToken);
        meter._clock.Restart();
        return meter;
    }

    public async Task<CpuReport> StopAsync()
    {
        var wall = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var bench = Math.Round((Process.GetCurrentProcess().TotalProcessorTime - _benchStart).TotalSeconds / wall * 100);
        double? clients = _clients is null ? null : Math.Round((_clients() - _clientsStart).TotalSeconds / wall * 100);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var end = _serverStart is null ? null : await ReadAsync(timeout.Token);
        if (_serverStart is not { } start || end is null)
        {
            return new CpuReport(null, bench, null, clients);
        }

        return new CpuReport(Math.Round((end.CpuMs - start.CpuMs) / 1000 / wall * 100), bench, new ServerGcReport(
            end.Gen0Collections - start.Gen0Collections, end.Gen1Collections - start.Gen1Collections, end.Gen2Collections - start.Gen2Collections,
            Math.Round(end.GcPauseMs - start.GcPauseMs, 1), Math.Round((end.AllocatedBytes - start.AllocatedBytes) / 1024.0 / 1024.0, 1)), clients);
    }

    private Task<RuntimeCounters?> ReadAsync(CancellationToken cancellationToken) => RuntimeCounters.ReadAsync(_http, _servers, cancellationToken);
}
