using PartyProtocol.Bench.Load;
using PartyProtocol.Bench.Measurement;
using PartyProtocol.Bench.Servers;

namespace PartyProtocol.Bench.Reporting;

/// <summary>Everything a benchmark run found; printed as tables and written as JSON.</summary>
public sealed record BenchReport(
    DateTimeOffset StartedAt,
    string Command,
    MachineInfo Machine,
    BenchSettings Settings,
    IReadOnlyList<RunReport> Runs,
    RunReport? Baseline,
    BaselinePlan? BaselinePlan,
    IReadOnlyList<TargetCheck> Targets,
    double Seconds,
    string? Aborted)
{
    /// <summary>True when every run completed every game without a lost or repeated event or an error.</summary>
    public bool Clean => Aborted is null && Runs.Concat(Baseline is null ? [] : [Baseline])
        .All(r => r.Lost == 0 && r.Duplicated == 0 && r.OutOfOrder == 0 && r.ErrorCount == 0 && r.GamesFailed == 0);
}

public sealed record MachineInfo(int Cores, string Cpu, string Os, string Runtime, string LoadAverageAtStart, string LoadAverageAtEnd, bool ServerStartedHere,
    int Instances);

public sealed record BenchSettings(int Sessions, int Players, int Games, double? DurationSeconds, int Rounds, int LieSeconds, int GuessSeconds,
    int RevealStepSeconds, int ScoreboardSeconds, double RampSeconds, double SkipRate, double LieForMeRate, double ReactRate, int Warmup, int Seed,
    bool Smoke, IReadOnlyDictionary<string, string> ServerEnvironment)
{
    public static BenchSettings From(BenchOptions o, int seed) => new(o.Sessions, o.Players, o.Games, o.Duration?.TotalSeconds, o.Rounds, o.LieSeconds,
        o.GuessSeconds, o.RevealStepSeconds, o.ScoreboardSeconds, o.Ramp.TotalSeconds, o.SkipRate, o.LieForMeRate, o.ReactRate, o.Warmup, seed,
        o.Smoke, o.ServerEnvironment);
}

/// <summary>One load run: a transport against the game, or the baseline.</summary>
public sealed record RunReport(
    string Name,
    int Instances,
    int Sessions,
    int ConnectionsPerSession,
    long GamesCompleted,
    long GamesFailed,
    double Seconds,
    long Events,
    double EventsPerSecond,
    long RestRequests,
    double RestPerSecond,
    double MeanEventBytes,
    long Lost,
    long Duplicated,
    long OutOfOrder,
    long Resyncs,
    IReadOnlyList<string> SequenceNotes,
    long IncompleteTransitions,
    long ErrorCount,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyList<string> ErrorSamples,
    IReadOnlyDictionary<string, long> Refusals,
    LatencySummary EventDelivery,
    LatencySummary DeadlineToLastClient,
    LatencySummary RestAll,
    LatencySummary Connect,
    IReadOnlyDictionary<string, LatencySummary> Rest,
    MemoryReport? Memory,
    CpuReport? Cpu)
{
    public int Connections => Sessions * ConnectionsPerSession;

    public Ratios? VsBaseline { get; init; }

    /// <summary><c>dotnet</c> or <c>js</c>: the client library of the run's real-time connections.</summary>
    public string Clients { get; init; } = "dotnet";

    /// <summary>What <see cref="Connect"/> measured: the .NET clients prove each connection with a ping, the JavaScript ones do not.</summary>
    public string ConnectMeasure => Clients == "js" ? "connect" : "connect + ping";

    public static RunReport From(string name, int instances, BenchOptions options, RunMetrics metrics, TimeSpan elapsed, MemoryReport? memory,
        CpuReport? cpu, IEnumerable<(string Phase, RunMetrics Metrics)> setup)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        var errors = new Dictionary<string, long>(metrics.Errors, StringComparer.Ordinal);
        var samples = metrics.ErrorSamples.ToList();
        // The warm-up and the memory phase are not measured, but what fails in them fails all the same.
        foreach (var (phase, phaseMetrics) in setup)
        {
            foreach (var (kind, count) in phaseMetrics.Errors)
            {
                errors[$"{phase}: {kind}"] = count;
            }

            samples.AddRange(phaseMetrics.ErrorSamples.Select(s => $"{phase}: {s}"));
            var wrong = phaseMetrics.Lost + phaseMetrics.Duplicated + phaseMetrics.OutOfOrder + phaseMetrics.GamesFailed;
            if (wrong > 0)
            {
                errors[$"{phase}: lost, duplicated, out-of-order events or failed games"] = wrong;
            }
        }

        return new RunReport(name, instances, options.Sessions, options.ConnectionsPerSession, metrics.GamesCompleted, metrics.GamesFailed,
            Math.Round(elapsed.TotalSeconds, 1), metrics.Events, Math.Round(metrics.Events / seconds, 1), metrics.RestRequests,
            Math.Round(metrics.RestRequests / seconds, 1), Math.Round(metrics.MeanEventBytes, 1), metrics.Lost, metrics.Duplicated,
            metrics.OutOfOrder, metrics.Resyncs, metrics.SequenceNotes.ToList(), metrics.IncompleteTransitions, errors.Values.Sum(), errors, samples, new Dictionary<string, long>(metrics.Refusals),
            metrics.EventDelivery.Summarize(), metrics.DeadlineToLastClient.Summarize(), metrics.AllRest().Summarize(), metrics.Connect.Summarize(),
            metrics.Rest.OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Value.Summarize()), memory, cpu)
        {
            Clients = options.Clients == ClientLibrary.JavaScript ? "js" : "dotnet",
        };
    }
}

/// <summary>A run's figure divided by the baseline's: how far above the raw-WebSocket floor it is.</summary>
public sealed record Ratios(double? EventDeliveryP50, double? EventDeliveryP99, double? DeadlineP50, double? DeadlineP99, double? RestP50, double? RestP99)
{
    public static Ratios Of(RunReport run, RunReport floor) => new(
        Ratio(run.EventDelivery.P50, floor.EventDelivery.P50), Ratio(run.EventDelivery.P99, floor.EventDelivery.P99),
        Ratio(run.DeadlineToLastClient.P50, floor.DeadlineToLastClient.P50), Ratio(run.DeadlineToLastClient.P99, floor.DeadlineToLastClient.P99),
        Ratio(run.RestAll.P50, floor.RestAll.P50), Ratio(run.RestAll.P99, floor.RestAll.P99));

    private static double? Ratio(double value, double floor) => floor > 0 ? Math.Round(value / floor, 2) : null;
}

public sealed record MemoryReport(int Clients, MemorySnapshot Before, MemorySnapshot After, double ManagedBytesPerClient, double WorkingSetBytesPerClient)
{
    public static MemoryReport? From(MemoryResult? result) => result is null
        ? null
        : new(result.Clients, result.Before, result.After, Math.Round(result.ManagedBytesPerClient), Math.Round(result.WorkingSetBytesPerClient));
}

/// <summary>
/// Processor time used during a run, in percent of one core (200 % = both cores of a 2-core machine), and the servers' GC;
/// <see cref="ClientsPercent"/> is the Node process of the JavaScript clients, when the run has one.
/// </summary>
public sealed record CpuReport(double? ServerPercent, double BenchPercent, ServerGcReport? ServerGc, double? ClientsPercent = null);

/// <summary>
/// The servers' garbage collections during a run (summed over instances). <see cref="Gen0"/> counts every collection
/// (each collects gen0); <see cref="Gen1"/> those that reached gen1 or further, <see cref="Gen2"/> the full ones.
/// </summary>
public sealed record ServerGcReport(int Gen0, int Gen1, int Gen2, double PauseMs, double AllocatedMb);

/// <summary>One target (of issue #7, or #20 for the hub against the WebSocket) for one run.</summary>
public sealed record TargetCheck(string Run, string Target, string Measured, bool Met);
