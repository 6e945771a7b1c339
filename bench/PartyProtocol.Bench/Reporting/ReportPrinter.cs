using System.Globalization;
using System.Text;

namespace PartyProtocol.Bench.Reporting;

/// <summary>The human-readable end of a run: one table per run, then the targets.</summary>
public static class ReportPrinter
{
    public static string Format(BenchReport report)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"");
        Line($"PartyProtocol benchmark — {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, {report.Seconds:0.0} s");
        Line($"machine: {report.Machine.Cores} cores ({report.Machine.Cpu}), {report.Machine.Os}, {report.Machine.Runtime}");
        Line($"load average at start {report.Machine.LoadAverageAtStart}, at end {report.Machine.LoadAverageAtEnd}");
        Line($"command: {report.Command}");
        if (report.Aborted is not null)
        {
            Line($"ABORTED: {report.Aborted}");
        }

        foreach (var run in report.Runs.Concat(report.Baseline is null ? [] : [report.Baseline]))
        {
            Line($"");
            Line($"== {run.Name}: {run.Sessions} sessions × {run.ConnectionsPerSession} clients = {run.Connections} connections on {run.Instances} instance(s), {run.GamesCompleted} games done, {run.GamesFailed} failed, {run.Seconds:0.0} s ==");
            Line($"{"",-26}{"count",10}{"p50",9}{"p90",9}{"p99",9}{"p99.9",9}{"max",9}   ms{(run.VsBaseline is null ? "" : "   p50/p99 × floor")}");
            Row(text, "event delivery", run.EventDelivery, run.VsBaseline?.EventDeliveryP50, run.VsBaseline?.EventDeliveryP99);
            Row(text, "deadline → last client", run.DeadlineToLastClient, run.VsBaseline?.DeadlineP50, run.VsBaseline?.DeadlineP99);
            Row(text, "REST (all)", run.RestAll, run.VsBaseline?.RestP50, run.VsBaseline?.RestP99);
            foreach (var (endpoint, summary) in run.Rest)
            {
                Row(text, "  " + endpoint, summary, null, null);
            }

            Row(text, run.ConnectMeasure, run.Connect, null, null);

            Line($"throughput: {run.EventsPerSecond:N0} events/s received, {run.RestPerSecond:N0} REST requests/s; mean event frame {(run.MeanEventBytes > 0 ? run.MeanEventBytes.ToString("N0", CultureInfo.InvariantCulture) + " B" : "n/a (the SignalR client hides frames)")}");
            Line($"lost {run.Lost}, duplicated {run.Duplicated}, out of order {run.OutOfOrder}, session.resync received {run.Resyncs}, incomplete transitions {run.IncompleteTransitions}, errors {run.ErrorCount}{(run.Refusals.Count == 0 ? "" : ", expected refusals " + string.Join(", ", run.Refusals.Select(r => $"{r.Key} {r.Value}")))}");
            foreach (var (kind, count) in run.Errors)
            {
                Line($"  error {kind}: {count}");
            }

            foreach (var note in run.SequenceNotes.Take(5))
            {
                Line($"  seq: {note}");
            }

            foreach (var sample in run.ErrorSamples.Take(5))
            {
                Line($"    e.g. {(sample.Length > 300 ? sample[..300] + "…" : sample)}");
            }

            if (run.Memory is { } memory)
            {
                Line($"memory with {memory.Clients} idle clients: managed heap {Mb(memory.Before.ManagedHeapBytes)} → {Mb(memory.After.ManagedHeapBytes)} ({memory.ManagedBytesPerClient / 1024:0.0} KB/client), working set {Mb(memory.Before.WorkingSetBytes)} → {Mb(memory.After.WorkingSetBytes)} ({memory.WorkingSetBytesPerClient / 1024:0.0} KB/client)");
            }

            if (run.Cpu is { } cpu)
            {
                Line($"cpu during the run: server {(cpu.ServerPercent is { } server ? server.ToString("0", CultureInfo.InvariantCulture) + "%" : "n/a")}, bench (bots) {cpu.BenchPercent:0}%{(cpu.ClientsPercent is { } clients ? $", Node clients {clients:0}%" : "")} of one core");
            }

            if (run.Cpu?.ServerGc is { } gc)
            {
                Line($"server GC during the run: {gc.Gen0} collections ({gc.Gen1} reached gen1, {gc.Gen2} gen2), {gc.PauseMs:0.0} ms paused in total, {gc.AllocatedMb:N0} MB allocated");
            }
        }

        var medians = Targets.MedianP99s(report.Runs);
        if (medians.Count > 0)
        {
            Line($"");
            Line($"medians of the repeated runs, p99 event delivery:");
            foreach (var (group, p99) in medians)
            {
                Line($"  {group,-26}{p99,9:0.00} ms");
            }
        }

        if (report.Targets.Count > 0)
        {
            Line($"");
            Line($"targets (issues #7 and #20):");
            foreach (var check in report.Targets)
            {
                Line($"  {(check.Met ? "met   " : "MISSED")}  {check.Run,-18} {check.Target,-40} {check.Measured}");
            }
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, Measurement.LatencySummary summary, double? ratio50, double? ratio99)
    {
        var ratios = ratio50 is null && ratio99 is null ? "" : $"   {Ratio(ratio50)} / {Ratio(ratio99)}";
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-26}{summary.Count,10:N0}{summary.P50,9:0.00}{summary.P90,9:0.00}{summary.P99,9:0.00}{summary.P999,9:0.00}{summary.Max,9:0.00}{ratios}"));
    }

    private static string Ratio(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "×" : "–";

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
