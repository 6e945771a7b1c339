using System.Diagnostics;
using System.Globalization;
using PartyProtocol.Bench.Clients;
using PartyProtocol.Bench.Load;
using PartyProtocol.Bench.Measurement;
using PartyProtocol.Bench.Reporting;
using PartyProtocol.Bench.Servers;

namespace PartyProtocol.Bench;

/// <summary>
/// Runs the whole benchmark: the servers under test (started here or given), for each transport an idle-memory
/// measurement and a load run of whole games, then the raw-WebSocket baseline loaded the same way; prints the tables and
/// writes the JSON. Bounded by a hard overall deadline: when it passes, what was measured so far is still reported.
/// </summary>
public static class BenchRunner
{
    public static async Task<BenchReport> RunAsync(BenchOptions options, string command, TextWriter output, CancellationToken cancellationToken)
    {
        var log = new ConsoleProgress(output);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var loadAtStart = Machine.LoadAverage();
        var seed = options.Seed ?? Random.Shared.Next();
        using var hard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hard.CancelAfter(options.HardTimeout);
        var token = hard.Token;
        var runs = new List<RunReport>();
        RunReport? baseline = null;
        BaselinePlan? plan = null;
        string? aborted = null;
        var instances = 0;
        var startedHere = false;
        using var http = RestClient.CreateHttpClient();
        log.Line($"bench: {options.Sessions} sessions × {options.Players} bots, transports {string.Join(", ", options.Transports)} with {options.Clients} clients, " +
            (options.Duration is { } d ? $"for {d.TotalSeconds:0} s" : $"{options.Games} game(s) each") + $", hard limit {options.HardTimeout.TotalMinutes:0.#} min");
        try
        {
            var contexts = new List<LoadContext>();
            // With --redis every transport runs on one embedded instance and then on two sharing Redis, for the difference.
            var configurations = Enumerable.Range(1, options.Repeat).SelectMany(repeat => options.Transports.SelectMany(t => options.Redis is null
                ? [(t, (string?)null, repeat)]
                : new[] { (t, null, repeat), (t, options.Redis, repeat) }));
            foreach (var (transport, redis, repeat) in configurations)
            {
                // A fresh server per run: no run inherits another's heap, caches or connections.
                await using var servers = await TargetServers.StartOrAttachAsync(options, redis, log, token);
                // One Node process per run for the JavaScript clients, like the fresh server.
                await using var node = options.Clients == ClientLibrary.JavaScript ? await NodeClients.StartAsync(log, token) : null;
                instances = Math.Max(instances, servers.Urls.Count);
                startedHere = servers.StartedHere;
                var name = (transport == Transport.SignalR ? "signalr" : "websocket") + ClientsSuffix(options)
                    + (options.Repeat > 1 ? $" #{repeat}" : "") + (redis is null ? "" : " 2×redis");
                var setup = new List<(string Phase, RunMetrics Metrics)>();
                if (options.Warmup > 0)
                {
                    var warmMetrics = new RunMetrics();
                    setup.Add(("warm-up", warmMetrics));
                    var warmOptions = options with { Sessions = Math.Min(options.Warmup, options.Sessions), Games = 1, Duration = null, Rounds = 1 };
                    log.Line($"{name}: warm-up, {warmOptions.Sessions} sessions play one unmeasured round...");
                    await GameLoad.RunAsync(new LoadContext(warmOptions, servers.Urls, transport, new RestClient(http, warmMetrics), ~seed, node), "warm-up", log, token);
                }

                MemoryReport? memory = null;
                if (options.Memory)
                {
                    var memoryMetrics = new RunMetrics();
                    setup.Add(("memory phase", memoryMetrics));
                    var probe = new LoadContext(options, [servers.Urls[0]], transport, new RestClient(http, memoryMetrics), seed, node);
                    log.Line($"{name}: memory with {options.Sessions * options.ConnectionsPerSession} idle connections...");
                    memory = MemoryReport.From(await MemoryProbe.MeasureGameAsync(probe, http, servers.Urls[0], options.MemorySettle, token));
                    log.Line(memory is null
                        ? $"{name}: the server does not serve /{MemorySnapshot.Path} (start it with Diagnostics:Enabled=true); memory not measured"
                        : string.Create(CultureInfo.InvariantCulture,
                            $"{name}: {memory.ManagedBytesPerClient / 1024:0.0} KB managed, {memory.WorkingSetBytesPerClient / 1024:0.0} KB working set per idle client"));
                }

                var metrics = new RunMetrics();
                var context = new LoadContext(options, servers.Urls, transport, new RestClient(http, metrics), seed, node);
                contexts.Add(context);
                log.Line($"{name}: playing...");
                var cpu = await CpuMeter.StartAsync(http, servers.Urls, token, node is null ? null : () => node.ProcessorTime);
                var elapsed = clock.Elapsed;
                try
                {
                    var measured = Stopwatch.StartNew();
                    await GameLoad.RunAsync(context, name, log, token);
                    elapsed = measured.Elapsed;
                }
                finally
                {
                    // Reported even when the hard deadline cut the run short.
                    runs.Add(RunReport.From(name, servers.Urls.Count, options, metrics, elapsed, memory, await cpu.StopAsync(), setup));
                }
            }

            if (options.Baseline)
            {
                (baseline, plan) = await RunBaselineAsync(options, contexts, runs, http, log, seed, token);
                runs = runs.Select(r => r with { VsBaseline = Ratios.Of(r, baseline) }).ToList();
            }
        }
        catch (OperationCanceledException) when (hard.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            aborted = $"the hard limit of {options.HardTimeout.TotalMinutes:0.#} min passed; figures are partial";
            log.Line(aborted);
        }

        var report = new BenchReport(started, command, Machine.Info(loadAtStart) with { ServerStartedHere = startedHere, Instances = instances },
            BenchSettings.From(options, seed), runs, baseline, plan, Targets.Evaluate(runs), Math.Round(clock.Elapsed.TotalSeconds, 1), aborted);
        log.Raw(ReportPrinter.Format(report));
        await Machine.WriteReportAsync(report, options.Out ?? Machine.DefaultOutPath(started, null), log);
        return report;
    }

    private static async Task<(RunReport Baseline, BaselinePlan Plan)> RunBaselineAsync(BenchOptions options, List<LoadContext> contexts,
        List<RunReport> runs, HttpClient http, ConsoleProgress log, int seed, CancellationToken token)
    {
        var benchDll = typeof(BenchRunner).Assembly.Location;
        await using var server = await ServerProcess.StartAsync("baseline server", benchDll, [BaselineServer.Verb, "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "1", ["ASPNETCORE_ENVIRONMENT"] = "Production" }, TimeSpan.FromSeconds(60), token);
        log.Line($"started the baseline server (pid {server.ProcessId}) at {server.Address}");
        await using var node = options.Clients == ClientLibrary.JavaScript ? await NodeClients.StartAsync(log, token) : null;
        var plan = Calibrate(options, contexts, runs);
        log.Line($"baseline: phases of {plan.PhaseMs} ms × {plan.Phases}, events padded by {plan.PadBytes} B, to match the game's rate and size");

        var setup = new List<(string Phase, RunMetrics Metrics)>();
        if (options.Warmup > 0)
        {
            var warmMetrics = new RunMetrics();
            setup.Add(("warm-up", warmMetrics));
            var warmOptions = options with { Sessions = Math.Min(options.Warmup, options.Sessions) };
            await BaselineLoad.RunAsync(warmOptions, server.Address, plan with { Phases = 3 }, new RestClient(http, warmMetrics), node, log, ~seed, token);
        }

        MemoryReport? memory = null;
        var setupMetrics = new RunMetrics();
        setup.Add(("memory phase", setupMetrics));
        if (options.Memory)
        {
            var count = options.Sessions * options.ConnectionsPerSession;
            await MemoryProbe.WarmUpAsync(Enumerable.Range(0, options.ConnectionsPerSession).Select(_ => Connections.Socket(
                Connections.WebSocketAddress(server.Address, "ws/warmup"), new ConnectionCallbacks(_ => { }, (_, _) => { }), node)).ToList());
            memory = MemoryReport.From(await MemoryProbe.MeasureAsync(http, server.Address, count, options.MemorySettle, callbacks =>
                Enumerable.Range(0, count).Select(i => Connections.Socket(
                    Connections.WebSocketAddress(server.Address, $"ws/idle{i / options.ConnectionsPerSession}"), callbacks, node)).ToList(),
                setupMetrics, token));
        }

        var metrics = new RunMetrics();
        var cpu = await CpuMeter.StartAsync(http, [server.Address], token, node is null ? null : () => node.ProcessorTime);
        var elapsed = await BaselineLoad.RunAsync(options, server.Address, plan, new RestClient(http, metrics), node, log, seed, token);
        return (RunReport.From("baseline" + ClientsSuffix(options), 1, options, metrics, elapsed, memory, await cpu.StopAsync(), setup), plan);
    }

    /// <summary>The baseline's load from the game runs: the same events per session per second, frame size and game length.</summary>
    private static BaselinePlan Calibrate(BenchOptions options, List<LoadContext> contexts, List<RunReport> runs)
    {
        var rate = contexts.Select(c => c.EventsPerSessionSecond).DefaultIfEmpty(0).Max();
        // Each baseline phase sends one timed event and one event per bot move.
        var phaseMs = rate > 0 ? (int)Math.Clamp((1 + options.Players) / rate * 1000, 500, 10_000) : 2000;
        var gameLength = contexts.Zip(runs).Select(x => x.First.MeanGameLength(x.Second.GamesCompleted + x.Second.GamesFailed).TotalMilliseconds)
            .DefaultIfEmpty(0).Max();
        var phases = (int)Math.Clamp(Math.Round(gameLength / phaseMs), 3, Math.Max(3, 180_000 / phaseMs));
        var frame = runs.Where(r => r.MeanEventBytes > 0).Select(r => r.MeanEventBytes).DefaultIfEmpty(400).Max();
        // The baseline's envelope with a deadline is about 150 bytes before padding.
        return new BaselinePlan(phaseMs, phases, (int)Math.Max(0, frame - 150));
    }

    /// <summary>Runs with the JavaScript clients are named apart: "signalr js", "websocket js", "baseline js".</summary>
    private static string ClientsSuffix(BenchOptions options) => options.Clients == ClientLibrary.JavaScript ? " js" : "";
}
