using System.Globalization;
using System.Text;
using PartyProtocol.Bench.Measurement;
using PartyProtocol.Bench.Reporting;

namespace PartyProtocol.Bench.Audience;

/// <summary>Everything an <c>--audience</c> run found; printed and written as JSON.</summary>
public sealed record AudienceReport(
    DateTimeOffset StartedAt,
    string Command,
    MachineInfo Machine,
    string Game,
    string PlayersTransport,
    int AudienceAsked,
    int Joined,
    int Connected,
    int Seed,
    double Seconds,
    RunReport Players,
    RunReport Audience,
    MemoryReport? AudienceMemory,
    LatencySummary TallyOnTv,
    LatencySummary TallyAtAudience,
    IReadOnlyList<VoteReport> Votes,
    CpuReport? PlayCpu,
    IReadOnlyList<RouteTime> ServerTimes,
    IReadOnlyList<TargetCheck> Targets,
    string? Aborted)
{
    public long VotesAccepted => Votes.Sum(v => v.Accepted);

    public long VotesRefused => Votes.Sum(v => v.Refused);

    /// <summary>The game completed, every member joined, connected and saw it all, nothing failed, and every vote was counted.</summary>
    public bool Clean => Aborted is null && Players.GamesCompleted == 1 && Players.GamesFailed == 0 && Connected == AudienceAsked
        && new[] { Players, Audience }.All(r => r.Lost == 0 && r.Duplicated == 0 && r.OutOfOrder == 0 && r.ErrorCount == 0)
        && Votes.Count > 0 && Votes.All(v => v.Counted);

    public static AudienceReport From(DateTimeOffset started, string command, MachineInfo machine, BenchOptions options, Transport transport, int seed,
        AudienceCrowd? crowd, RunMetrics players, RunMetrics audience, IEnumerable<(string, RunMetrics)> playersSetup,
        IEnumerable<(string, RunMetrics)> audienceSetup, TimeSpan elapsed, double seconds, string? aborted)
    {
        var size = options.Audience ?? 0;
        var transportName = transport == Transport.SignalR ? "signalr" : "websocket";
        var playersRun = RunReport.From($"players ({transportName})", machine.Instances, options, players, elapsed, null, crowd?.PlayCpu, playersSetup);
        // One "session" whose connections are the audience's.
        var audienceRun = RunReport.From("audience (websocket)", machine.Instances, options with { Players = Math.Max(0, size - 1) }, audience, elapsed,
            null, null, audienceSetup);
        var memory = MemoryReport.From(crowd?.Memory);
        var votes = crowd?.Votes ?? [];
        var tv = crowd?.TallyOnTv.Summarize() ?? LatencySummary.Empty;
        var report = new AudienceReport(started, command, machine with { LoadAverageAtEnd = Reporting.Machine.LoadAverage() }, options.GameKey,
            transportName, size, crowd?.Joined ?? 0, crowd?.Connected ?? 0, seed, seconds, playersRun, audienceRun, memory, tv,
            crowd?.TallyAtAudience.Summarize() ?? LatencySummary.Empty, votes, crowd?.PlayCpu, crowd?.ServerTimes ?? [], [], aborted);
        return report with { Targets = Evaluate(report) };
    }

    /// <summary>Issue #17's targets.</summary>
    public static IReadOnlyList<TargetCheck> Evaluate(AudienceReport r)
    {
        string Ms(double ms) => ms.ToString("0.00", CultureInfo.InvariantCulture) + " ms";
        var a = r.Audience;
        var p = r.Players;
        var checks = new List<TargetCheck>
        {
            new("audience", "no audience event lost or duplicated",
                string.Create(CultureInfo.InvariantCulture, $"{a.Lost} lost, {a.Duplicated} duplicated, {a.OutOfOrder} out of order; {a.Events:N0} events received"),
                a.Lost == 0 && a.Duplicated == 0 && a.OutOfOrder == 0 && a.Events > 0 && r.Connected == r.AudienceAsked),
            new("audience", "p99 event delivery to the audience ≤ 500 ms", Ms(a.EventDelivery.P99), a.EventDelivery.Count > 0 && a.EventDelivery.P99 <= 500),
            new("audience", "tally on the TV ≤ 1 s after the vote closes (every vote)",
                string.Join(", ", r.Votes.Select(v => $"{v.Key} {(v.TallyOnTvMs is { } ms ? Ms(ms) : "never")}")),
                r.Votes.Count > 0 && r.Votes.All(v => v.TallyOnTvMs is <= 1000)),
            new("audience", "every accepted vote counted in the final tally",
                string.Join(", ", r.Votes.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Key} {v.Accepted} accepted / {v.FinalTotal?.ToString(CultureInfo.InvariantCulture) ?? "no"} counted / {v.Refused} refused"))),
                r.Votes.Count > 0 && r.Votes.All(v => v.Counted)),
        };
        if (r.AudienceMemory is { } memory)
        {
            checks.Add(new("audience", "managed memory per idle audience connection ≤ 20 KB",
                string.Create(CultureInfo.InvariantCulture, $"{memory.ManagedBytesPerClient / 1024:0.0} KB"), memory.ManagedBytesPerClient <= 20 * 1024));
            checks.Add(new("audience", "working set per idle audience connection ≤ 20 KB",
                string.Create(CultureInfo.InvariantCulture, $"{memory.WorkingSetBytesPerClient / 1024:0.0} KB"), memory.WorkingSetBytesPerClient <= 20 * 1024));
        }

        checks.Add(new("players", "p99 REST ≤ 100 ms", Ms(p.RestAll.P99), p.RestAll.Count > 0 && p.RestAll.P99 <= 100));
        checks.Add(new("players", $"p99 event delivery ({r.PlayersTransport}) ≤ 100 ms", Ms(p.EventDelivery.P99), p.EventDelivery.Count > 0 && p.EventDelivery.P99 <= 100));
        return checks;
    }

    public static string Format(AudienceReport report)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        void Latency(string name, LatencySummary s) =>
            Line($"  {name,-28} {s.Count,9:N0}  p50 {s.P50,8:0.00}  p90 {s.P90,8:0.00}  p99 {s.P99,8:0.00}  p99.9 {s.P999,8:0.00}  max {s.Max,8:0.00} ms");
        Line($"");
        Line($"PartyProtocol audience — {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, {report.Seconds:0.0} s");
        Line($"machine: {report.Machine.Cores} cores ({report.Machine.Cpu}), {report.Machine.Runtime}; load average at start {report.Machine.LoadAverageAtStart}, at end {report.Machine.LoadAverageAtEnd}");
        Line($"command: {report.Command}");
        Line($"{report.Game}: {report.Players.ConnectionsPerSession - 1} bots on {report.PlayersTransport} + a TV, {report.AudienceAsked:N0} audience members ({report.Joined:N0} joined, {report.Connected:N0} connected) on {report.Machine.Instances} instance(s); game {(report.Players.GamesCompleted == 1 ? "completed" : "NOT completed")}");
        if (report.Aborted is not null)
        {
            Line($"ABORTED: {report.Aborted}");
        }

        var a = report.Audience;
        Line($"");
        Line($"audience: {a.Events:N0} events received ({a.EventsPerSecond:N0}/s), mean frame {a.MeanEventBytes:0} B; lost {a.Lost}, duplicated {a.Duplicated}, out of order {a.OutOfOrder}; errors {a.ErrorCount}");
        Latency("event delivery", a.EventDelivery);
        Latency("tally on the TV after close", report.TallyOnTv);
        Latency("tally at the audience", report.TallyAtAudience);
        foreach (var (name, summary) in a.Rest)
        {
            Latency(name, summary);
        }

        Latency("connect + ping", a.Connect);
        Line($"  votes: {report.VotesAccepted:N0} accepted, {report.VotesRefused:N0} refused{(a.Refusals.Count > 0 ? " (" + string.Join(", ", a.Refusals.Select(x => $"{x.Key} {x.Value}")) + ")" : "")}");
        foreach (var vote in report.Votes)
        {
            Line($"    {vote.Key,-12} accepted {vote.Accepted,7:N0}  refused {vote.Refused,5:N0}  final tally on the TV {(vote.FinalTotal is { } t ? t.ToString("N0", CultureInfo.InvariantCulture) : "none"),7}  {(vote.TallyOnTvMs is { } ms ? ms.ToString("0.00", CultureInfo.InvariantCulture) + " ms after close" : "")}");
        }

        if (report.AudienceMemory is { } memory)
        {
            Line($"  memory with {memory.Clients:N0} idle audience connections: managed {memory.Before.ManagedHeapBytes / 1048576.0:0.0} → {memory.After.ManagedHeapBytes / 1048576.0:0.0} MB ({memory.ManagedBytesPerClient / 1024:0.0} KB each), working set {memory.Before.WorkingSetBytes / 1048576.0:0.0} → {memory.After.WorkingSetBytes / 1048576.0:0.0} MB ({memory.WorkingSetBytesPerClient / 1024:0.0} KB each)");
        }

        var p = report.Players;
        Line($"");
        Line($"players: {p.Events:N0} events, {p.RestRequests:N0} REST; lost {p.Lost}, duplicated {p.Duplicated}, out of order {p.OutOfOrder}; errors {p.ErrorCount}");
        Latency("event delivery", p.EventDelivery);
        Latency("deadline → last client", p.DeadlineToLastClient);
        Latency("REST (all)", p.RestAll);
        foreach (var (name, summary) in p.Rest)
        {
            Latency(name, summary);
        }

        if (report.PlayCpu is { } cpu)
        {
            Line($"  during play: server {cpu.ServerPercent?.ToString("0", CultureInfo.InvariantCulture) ?? "?"} % of a core, bench {cpu.BenchPercent:0} %{(cpu.ServerGc is { } gc ? $"; server GC {gc.Gen0} collections ({gc.Gen1} reached gen1, {gc.Gen2} gen2), {gc.PauseMs:0.0} ms paused, {gc.AllocatedMb:0} MB allocated" : "")}");
        }

        if (report.ServerTimes.Count > 0)
        {
            Line($"  in the servers' own time (request start → answer, bucket bounds of their /metrics histogram), during play:");
            foreach (var route in report.ServerTimes)
            {
                string AtMost(double? ms) => ms is { } bound ? $"≤ {bound.ToString("0", CultureInfo.InvariantCulture)}" : "over the last bucket";
                Line($"    {route.Route,-45} {route.Count,7:N0}  p50 {AtMost(route.P50AtMostMs)}  p99 {AtMost(route.P99AtMostMs)}  max {AtMost(route.MaxAtMostMs)} ms");
            }
        }

        foreach (var sample in p.ErrorSamples.Concat(a.ErrorSamples).Take(10))
        {
            Line($"  error: {sample}");
        }

        foreach (var note in p.SequenceNotes.Concat(a.SequenceNotes).Take(10))
        {
            Line($"  seq: {note}");
        }

        Line($"");
        Line($"targets (issue #17):");
        foreach (var check in report.Targets)
        {
            Line($"  [{(check.Met ? "met" : "MISSED")}] {check.Run}: {check.Target} — {check.Measured}");
        }

        return text.ToString();
    }
}
