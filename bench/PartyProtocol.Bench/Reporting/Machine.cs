using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Bench.Reporting;

/// <summary>What every report says about the machine it ran on, and where reports go.</summary>
public static class Machine
{
    private static readonly JsonSerializerOptions JsonOutput = new(GameJson.Options) { WriteIndented = true };

    public static MachineInfo Info(string loadAtStart) => new(Environment.ProcessorCount, CpuModel(), RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription, loadAtStart, LoadAverage(), true, 1);

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>Busy and total jiffies of all cores since boot (/proc/stat), for the machine's CPU use over a span.</summary>
    public static (long Busy, long Total) CpuTicks()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToList();
            var total = fields.Sum();
            var idle = fields[3] + (fields.Count > 4 ? fields[4] : 0);
            return (total - idle, total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    /// <summary>Writes a report as indented JSON (creating its folder) and says where it went.</summary>
    public static async Task WriteReportAsync<TReport>(TReport report, string path, ConsoleProgress log)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, JsonOutput), CancellationToken.None);
        log.Line($"results written to {Path.GetFullPath(path)}");
    }

    /// <summary>bench/results/&lt;timestamp&gt;[-suffix].json in this repository, or bench-results/ beside the working directory.</summary>
    public static string DefaultOutPath(DateTimeOffset started, string? suffix)
    {
        var name = started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + (suffix is null ? "" : "-" + suffix) + ".json";
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartyProtocol.sln")))
            {
                return Path.Combine(dir.FullName, "bench", "results", name);
            }
        }

        return Path.Combine("bench-results", name);
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
