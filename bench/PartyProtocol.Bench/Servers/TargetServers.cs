using System.Reflection;
using PartyProtocol.Bench.Reporting;

namespace PartyProtocol.Bench.Servers;

/// <summary>The PartyProtocol instances under test: given with --url, or started here (one, or two sharing Redis).</summary>
public sealed class TargetServers : IAsyncDisposable
{
    private readonly List<ServerProcess> _processes;
    private readonly string? _dataFolder;

    private TargetServers(IReadOnlyList<Uri> urls, List<ServerProcess> processes, string? dataFolder)
    {
        Urls = urls;
        _processes = processes;
        _dataFolder = dataFolder;
    }

    public IReadOnlyList<Uri> Urls { get; }

    public bool StartedHere => _processes.Count > 0;

    /// <param name="redis">Start two instances sharing this Redis instead of one embedded instance.</param>
    public static async Task<TargetServers> StartOrAttachAsync(BenchOptions options, string? redis, ConsoleProgress log, CancellationToken cancellationToken)
    {
        if (options.Urls.Count > 0)
        {
            return new TargetServers(options.Urls, [], null);
        }

        var dll = options.ServerDll ?? FindWebDll();
        var data = Directory.CreateTempSubdirectory("partyprotocol-bench-").FullName;
        var instances = redis is null ? 1 : 2;
        var processes = new List<ServerProcess>();
        try
        {
            for (var i = 0; i < instances; i++)
            {
                var environment = new Dictionary<string, string>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["Diagnostics__Enabled"] = "true",
                    // Every bot calls from 127.0.0.1, so per-address limits meant for the internet would throttle the test itself.
                    ["RateLimits__SessionCreatesPerMinute"] = "1000000",
                    ["RateLimits__JoinsPerMinute"] = "1000000",
                    ["RateLimits__AudienceJoinsPerMinute"] = "1000000",
                    ["Realtime__MaxConnectionsPerAddress"] = "1000000",
                    ["ConnectionStrings__Accounts"] = $"Data Source={Path.Combine(data, $"accounts-{i}.db")}",
                };
                foreach (var (key, value) in options.ServerEnvironment)
                {
                    environment[key] = value;
                }

                if (redis is not null)
                {
                    environment["ConnectionStrings__Redis"] = redis;
                }

                var process = await ServerProcess.StartAsync($"PartyProtocol.Web #{i + 1}", dll, ["--urls", "http://127.0.0.1:0"],
                    environment, TimeSpan.FromSeconds(90), cancellationToken);
                processes.Add(process);
                log.Line($"started {process.Name} (pid {process.ProcessId}) at {process.Address}");
            }
        }
        catch
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }

            throw;
        }

        return new TargetServers(processes.Select(p => p.Address).ToList(), processes, data);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (_dataFolder is not null)
        {
            try
            {
                Directory.Delete(_dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A SQLite file still held open; the temp folder is cleaned by the OS eventually.
            }
        }
    }

    /// <summary>
    /// PartyProtocol.Web.dll of the same build configuration as this tool, found from the repository root above the
    /// tool's own folder (the bench project references the web project, so building one builds both).
    /// </summary>
    public static string FindWebDll()
    {
        var configuration = typeof(TargetServers).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BuildConfiguration")?.Value ?? "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "PartyProtocol.sln")))
            {
                continue;
            }

            foreach (var candidate in new[] { configuration, configuration == "Release" ? "Debug" : "Release" })
            {
                var dll = Path.Combine(dir.FullName, "PartyProtocol.Web", "bin", candidate, "net10.0", "PartyProtocol.Web.dll");
                if (File.Exists(dll))
                {
                    return dll;
                }
            }
        }

        throw new FileNotFoundException(
            "PartyProtocol.Web.dll was not found next to this repository's build; build the solution or pass --server-dll.");
    }
}
