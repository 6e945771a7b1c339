using System.Globalization;
using System.Text;
using PartyProtocol.Bench.Measurement;
using PartyProtocol.Bench.Reporting;
using PartyProtocol.Bench.Servers;

namespace PartyProtocol.Bench.Phones;

/// <summary>Everything a <c>--phones</c> run found; printed as tables and written as JSON.</summary>
public sealed record PhoneReport(
    DateTimeOffset StartedAt,
    string Command,
    MachineInfo Machine,
    string Game,
    int PhonesAsked,
    int RoomSize,
    int Rooms,
    int Phones,
    int Games,
    int GamesCompleted,
    int Seed,
    double Seconds,
    CircuitMemory? Memory,
    double IdleServerCpuPercent,
    IReadOnlyList<WindowReport> Windows,
    LatencySummary PhoneEventToDom,
    LatencySummary TvEventToDom,
    UsageReport? Usage,
    long ErrorCount,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyList<string> ErrorSamples,
    string? Aborted)
{
    public bool Clean => Aborted is null && ErrorCount == 0 && GamesCompleted == Games;

    /// <summary>Server CPU per page render of a move coming in (lies, guesses, reactions, answers), in ms.</summary>
    public double? CpuPerMoveRenderMs => Mean(Windows.Where(w => w.Kind.StartsWith("move in", StringComparison.Ordinal)), w => w.CpuMs, w => w.Renders);

    /// <summary>Server CPU per page when a phase starts, in ms.</summary>
    public double? CpuPerPhaseStartMs => Mean(Windows.Where(w => w.Kind == "phase start"), w => w.CpuMs, w => w.PageSteps);

    private static double? Mean(IEnumerable<WindowReport> windows, Func<WindowReport, double> value, Func<WindowReport, double> per)
    {
        var list = windows.ToList();
        var divisor = list.Sum(per);
        return divisor > 0 ? Math.Round(list.Sum(value) / divisor, 3) : null;
    }

    public static string Format(PhoneReport report)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        Line($"");
        Line($"PartyProtocol phones — {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, {report.Seconds:0.0} s");
        Line($"machine: {report.Machine.Cores} cores ({report.Machine.Cpu}), {report.Machine.Runtime}; load average at start {report.Machine.LoadAverageAtStart}, at end {report.Machine.LoadAverageAtEnd}");
        Line($"command: {report.Command}");
        Line($"{report.Game}: {report.Phones} phones in {report.Rooms} rooms (+ {report.Rooms} TVs), {report.GamesCompleted}/{report.Games} games");
        if (report.Aborted is not null)
        {
            Line($"ABORTED: {report.Aborted}");
        }

        if (report.Memory is { } memory)
        {
            Line($"");
            Line($"memory per circuit, idle in the lobby, after a full GC:");
            Line($"  phone  {memory.PhoneManagedBytes / 1024,8:0.0} KB managed  {memory.PhoneWorkingSetBytes / 1024,8:0.0} KB working set");
            Line($"  TV     {memory.TvManagedBytes / 1024,8:0.0} KB managed  {memory.TvWorkingSetBytes / 1024,8:0.0} KB working set");
        }

        Line($"");
        Line($"server work, idle rate ({report.IdleServerCpuPercent:0.00} % of a core, measured after the games) taken off:");
        Line($"  {"work",-28}{"steps",6}{"renders",9}{"events",8}{"CPU ms",9}{"ms/render",11}{"ms/page",9}{"KB/render",11}{"ms/key",8}");
        foreach (var w in report.Windows)
        {
            Line($"  {w.Kind,-28}{w.Steps,6}{w.Renders,9}{w.Events,8}{w.CpuMs,9:0.0}{w.CpuPerRenderMs,11:0.000}{w.CpuPerPageMs,9:0.000}{w.AllocKbPerRender,11:0.0}{(w.Keystrokes > 0 ? w.CpuPerKeystrokeMs : null),8:0.000}");
        }

        Line($"  per render of a move coming in: {report.CpuPerMoveRenderMs:0.000} ms; per page when a phase starts: {report.CpuPerPhaseStartMs:0.000} ms");
        Line($"");
        Line($"event → DOM (the event's at → the page's DOM showing it), ms:");
        Line($"  {"",-8}{"count",9}{"p50",9}{"p90",9}{"p99",9}{"max",9}");
        foreach (var (name, s) in new[] { ("phones", report.PhoneEventToDom), ("TVs", report.TvEventToDom) })
        {
            Line($"  {name,-8}{s.Count,9:N0}{s.P50,9:0.00}{s.P90,9:0.00}{s.P99,9:0.00}{s.Max,9:0.00}");
        }

        if (report.Usage is { } usage)
        {
            Line($"");
            Line($"over the games ({usage.Seconds:0.0} s), % of one core: server {usage.ServerPercent:0.0}, browsers {usage.BrowsersPercent:0.0}, bench {usage.BenchPercent:0.0}, whole machine {usage.MachinePercent:0.0} (of {report.Machine.Cores * 100})");
            Line($"server GC: {usage.Gen0Collections} collections, {usage.GcPauseMs:0.0} ms paused, {usage.AllocatedMb:0.0} MB allocated");
        }

        Line($"");
        Line($"errors: {report.ErrorCount}");
        foreach (var sample in report.ErrorSamples.Take(10))
        {
            Line($"  {sample}");
        }

        return text.ToString();
    }
}

/// <summary>Server memory after a full GC: rooms created; then their TVs open; then every phone idle in the lobby.</summary>
public sealed record CircuitMemory(int Tvs, int Phones, MemorySnapshot Empty, MemorySnapshot WithTvs, MemorySnapshot WithPhones)
{
    public double TvManagedBytes => Tvs == 0 ? 0 : Math.Round((WithTvs.ManagedHeapBytes - Empty.ManagedHeapBytes) / (double)Tvs);

    public double TvWorkingSetBytes => Tvs == 0 ? 0 : Math.Round((WithTvs.WorkingSetBytes - Empty.WorkingSetBytes) / (double)Tvs);

    public double PhoneManagedBytes => Phones == 0 ? 0 : Math.Round((WithPhones.ManagedHeapBytes - WithTvs.ManagedHeapBytes) / (double)Phones);

    public double PhoneWorkingSetBytes => Phones == 0 ? 0 : Math.Round((WithPhones.WorkingSetBytes - WithTvs.WorkingSetBytes) / (double)Phones);
}

/// <summary>One kind of work, summed over every time the script did it.</summary>
/// <param name="Steps">How many times.</param>
/// <param name="PageSteps">Pages × steps: what "per page" divides by.</param>
public sealed record WindowReport(string Kind, int Steps, int PageSteps, int Renders, int PhoneRenders, int Events, int Keystrokes, double Seconds,
    double CpuMs, double AllocMb, double? CpuPerRenderMs, double? CpuPerPageMs, double? AllocKbPerRender, double? CpuPerKeystrokeMs)
{
    /// <summary>The CPU before the idle rate was taken off.</summary>
    public double RawCpuMs { get; init; }
}

/// <summary>Accumulates the windows of one kind.</summary>
public sealed class WindowTotals(string kind)
{
    private int _steps;
    private int _pageSteps;
    private int _renders;
    private int _phoneRenders;
    private int _events;
    private int _keystrokes;
    private double _seconds;
    private double _cpuMs;
    private double _allocBytes;

    /// <summary>Adds one window's raw counter differences; the idle rate is taken off in <see cref="Summarize"/>.</summary>
    public void Add(double cpuMs, double allocBytes, double seconds, int renders, int phoneRenders, int events, int pages, int keystrokes)
    {
        _steps++;
        _pageSteps += pages;
        _cpuMs += cpuMs;
        _allocBytes += allocBytes;
        _seconds += seconds;
        _renders += renders;
        _phoneRenders += phoneRenders;
        _events += events;
        _keystrokes += keystrokes;
    }

    public WindowReport Summarize(double idleCpuMsPerSecond, double idleAllocPerSecond)
    {
        var cpu = Math.Max(0, _cpuMs - (idleCpuMsPerSecond * _seconds));
        var alloc = Math.Max(0, _allocBytes - (idleAllocPerSecond * _seconds));
        return new(kind, _steps, _pageSteps, _renders, _phoneRenders, _events, _keystrokes, Math.Round(_seconds, 1),
            Math.Round(cpu, 1), Math.Round(alloc / 1024 / 1024, 2),
            _renders > 0 ? Math.Round(cpu / _renders, 3) : null, _pageSteps > 0 ? Math.Round(cpu / _pageSteps, 3) : null,
            _renders > 0 ? Math.Round(alloc / 1024 / _renders, 1) : null, _keystrokes > 0 ? Math.Round(cpu / _keystrokes, 3) : null)
        {
            RawCpuMs = Math.Round(_cpuMs, 1),
        };
    }
}

/// <summary>Processor time over the games in % of one core, and the server's GC.</summary>
public sealed record UsageReport(double Seconds, double ServerPercent, double BrowsersPercent, double BenchPercent, double MachinePercent,
    double AllocatedMb, int Gen0Collections, double GcPauseMs);
