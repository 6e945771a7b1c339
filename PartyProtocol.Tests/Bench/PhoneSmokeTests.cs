using System.Text.Json;
using PartyProtocol.Bench;
using PartyProtocol.Bench.Phones;

namespace PartyProtocol.Tests.Bench;

/// <summary>
/// The benchmark's browser mode end to end: its own server, headless Chromium, a TV and three phones that join through
/// /join and play one short game through the pages. Nothing timed is asserted (this machine may be busy); what is asserted
/// is that every step happened and was measured.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PhoneSmokeTests
{
    [Theory]
    [InlineData("bluff")]
    [InlineData("quiz")]
    public async Task ThreePhonesAndATvPlayAWholeGameThroughThePagesAndEveryStepIsMeasured(string game)
    {
        var output = Path.Combine(Path.GetTempPath(), $"partyprotocol-phones-smoke-{Guid.NewGuid():N}.json");
        var log = new StringWriter();
        var options = BenchOptions.Parse(["--phones", "3", "--players", "3", "--game", game, "--rounds", "1", "--warmup", "0",
            "--timeout", "6m", "--out", output]);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            var report = await PhoneRunner.RunAsync(options, "smoke test", TextWriter.Synchronized(log), limit.Token);

            Assert.True(report.Clean, log.ToString());
            Assert.Equal((1, 3, 1), (report.Rooms, report.Phones, report.GamesCompleted));
            Assert.NotNull(report.Memory);
            Assert.True(report.Memory.PhoneManagedBytes > 0, log.ToString());
            var moves = game == "quiz" ? "move in (answer)" : "move in (lie)";
            foreach (var kind in new[] { "phase start", moves })
            {
                var window = Assert.Single(report.Windows, w => w.Kind == kind);
                Assert.True(window.Renders > 0 && window.Events > 0 && window.RawCpuMs > 0, $"{kind}: {log}");
            }

            if (game == "bluff")
            {
                Assert.True(Assert.Single(report.Windows, w => w.Kind == "keystroke").Keystrokes > 0, log.ToString());
            }

            // Every page showed every event it rendered against the event's own time.
            Assert.True(report.PhoneEventToDom.Count >= 3 && report.TvEventToDom.Count >= 1, log.ToString());
            Assert.NotNull(report.Usage);
            using var written = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            Assert.Equal(3, written.RootElement.GetProperty("phones").GetInt32());
        }
        finally
        {
            File.Delete(output);
        }
    }
}
