using System.Text.Json;
using PartyProtocol.Bench;
using PartyProtocol.Bench.Reporting;

namespace PartyProtocol.Tests.Bench;

/// <summary>
/// Runs the benchmark tool's smoke mode end to end — its own server process, both transports, the baseline server, the
/// memory probe — so the tool cannot rot. No latency is asserted: this machine may be busy.
/// </summary>
public sealed class BenchSmokeTests
{
    [Fact]
    public async Task SmokeRunPlaysEveryGameOnBothTransportsWithoutLossOrError()
    {
        var output = Path.Combine(Path.GetTempPath(), $"partyprotocol-bench-smoke-{Guid.NewGuid():N}.json");
        var log = new StringWriter();
        var options = BenchOptions.Parse(["--smoke", "--out", output]);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            var report = await BenchRunner.RunAsync(options, "smoke test", TextWriter.Synchronized(log), limit.Token);

            Assert.True(report.Aborted is null, log.ToString());
            Assert.Equal(["signalr", "websocket"], report.Runs.Select(r => r.Name));
            Assert.NotNull(report.Baseline);
            foreach (var run in report.Runs.Append(report.Baseline))
            {
                AssertCleanRun(run, options, log.ToString());
            }

            foreach (var run in report.Runs)
            {
                Assert.True(run.Rest.ContainsKey("lie") && run.Rest.ContainsKey("guess") && run.Rest.ContainsKey("play"), $"{run.Name}: {log}");
                Assert.NotNull(run.Memory);
                Assert.True(run.Memory.Clients == options.Sessions * options.ConnectionsPerSession, log.ToString());
                Assert.NotNull(run.VsBaseline);
            }

            using var written = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            Assert.Equal(2, written.RootElement.GetProperty("runs").GetArrayLength());
            Assert.True(written.RootElement.GetProperty("baseline").GetProperty("eventDelivery").GetProperty("count").GetInt64() > 0);
            Assert.Contains("event delivery", log.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task SmokeRunWithTheJavaScriptClientsPlaysEveryGameOnBothTransportsWithoutLossOrError()
    {
        var output = Path.Combine(Path.GetTempPath(), $"partyprotocol-bench-smoke-js-{Guid.NewGuid():N}.json");
        var log = new StringWriter();
        // The .NET smoke run above covers the baseline and the memory probe; this one the Node clients, which do not ping.
        var options = BenchOptions.Parse(["--smoke", "--clients", "js", "--no-baseline", "--no-memory", "--out", output]);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            var report = await BenchRunner.RunAsync(options, "smoke test", TextWriter.Synchronized(log), limit.Token);

            Assert.True(report.Aborted is null, log.ToString());
            Assert.Equal(["signalr js", "websocket js"], report.Runs.Select(r => r.Name));
            foreach (var run in report.Runs)
            {
                AssertCleanRun(run, options, log.ToString());
                Assert.Equal("js", run.Clients);
                Assert.Equal(options.Sessions * options.ConnectionsPerSession * options.Games, run.Connect.Count);
            }

            // Issue #20's comparison is made (not judged here: this machine may be busy).
            Assert.Contains(report.Targets, t => t.Run == "signalr js" && t.Target.Contains("the WebSocket's", StringComparison.Ordinal));
            Assert.Contains("connect ", log.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static void AssertCleanRun(RunReport run, BenchOptions options, string log)
    {
        Assert.True(run.GamesCompleted == options.Sessions * options.Games && run.GamesFailed == 0, $"{run.Name}: games\n{log}");
        Assert.True(run.ErrorCount == 0, $"{run.Name}: errors {string.Join("; ", run.ErrorSamples)}\n{log}");
        Assert.True(run.Lost == 0 && run.Duplicated == 0 && run.OutOfOrder == 0 && run.IncompleteTransitions == 0,
            $"{run.Name}: seq {string.Join("; ", run.SequenceNotes)}\n{log}");
        Assert.True(run.EventDelivery.Count > 0, $"{run.Name}: no event latency\n{log}");
        Assert.True(run.DeadlineToLastClient.Count > 0, $"{run.Name}: no deadline transition\n{log}");
        Assert.True(run.RestAll.Count > 0, $"{run.Name}: no REST latency\n{log}");
    }
}
