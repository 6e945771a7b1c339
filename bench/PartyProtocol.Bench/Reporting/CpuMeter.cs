using System.Diagnostics;

namespace PartyProtocol.Bench.Reporting;

/// <summary>Processor time of the servers (child processes started here) and of this process over a run.</summary>
public sealed class CpuMeter
{
    private readonly IReadOnlyList<int> _servers;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _serverStart;
    private readonly TimeSpan _benchStart;

    private CpuMeter(IReadOnlyList<int> servers)
    {
        _servers = servers;
        _serverStart = ServerTime();
        _benchStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    public static CpuMeter Start(IReadOnlyList<int> servers) => new(servers);

    /// <summary>Percent of one core since the start; null for servers not started here (their processes are not ours to read).</summary>
    public CpuReport? Stop()
    {
        if (_servers.Count == 0)
        {
            return null;
        }

        var wall = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var server = (ServerTime() - _serverStart).TotalSeconds / wall * 100;
        var bench = (Process.GetCurrentProcess().TotalProcessorTime - _benchStart).TotalSeconds / wall * 100;
        return new CpuReport(Math.Round(server), Math.Round(bench));
    }

    private TimeSpan ServerTime()
    {
        var total = TimeSpan.Zero;
        foreach (var pid in _servers)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                total += process.TotalProcessorTime;
            }
            catch (ArgumentException)
            {
                // Exited.
            }
        }

        return total;
    }
}
