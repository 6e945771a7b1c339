using System.Text.Json;
using PartyProtocol.Bench;
using PartyProtocol.Bench.Audience;

namespace PartyProtocol.Tests.Bench;

/// <summary>
/// The benchmark's audience mode (issue #17) end to end: its own server, one Bluff room of 8 bots and a TV, and 20
/// audience members on plain WebSockets who join over REST and vote in every guess phase. Nothing timed is asserted
/// (this machine may be busy); what is asserted is that the audience missed nothing and every vote was counted.
/// </summary>
[Trait("Category", "Slow")]
public sealed class AudienceSmokeTests
{
    [Theory]
    [InlineData("socket")]
    [InlineData("rest")]
    public async Task TwentyAudienceMembersSeeEveryEventAndEveryVoteIsCountedOnTheTv(string votes)
    {
        var output = Path.Combine(Path.GetTempPath(), $"partyprotocol-audience-smoke-{Guid.NewGuid():N}.json");
        var log = new StringWriter();
        var options = BenchOptions.Parse(["--audience", "20", "--rounds", "2", "--warmup", "0", "--timeout", "5m", "--out", output,
            "--server-env", "Telemetry__Prometheus=true", "--audience-votes", votes]);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(7));
        try
        {
            var report = await AudienceRunner.RunAsync(options, "smoke test", TextWriter.Synchronized(log), limit.Token);

            Assert.True(report.Clean, log.ToString());
            Assert.Equal((20, 20, 1L), (report.Joined, report.Connected, report.Players.GamesCompleted));
            Assert.Equal((0L, 0L, 0L), (report.Audience.Lost, report.Audience.Duplicated, report.Audience.OutOfOrder));
            Assert.Equal(0, report.Audience.ErrorCount + report.Players.ErrorCount);
            // Each of the 20 members saw every event of the game: at least the players' screen's count of sequenced events each.
            Assert.True(report.Audience.Events >= 20 * 20, log.ToString());
            Assert.True(report.Audience.EventDelivery.Count == report.Audience.Events, log.ToString());

            // Two guess phases, each member voted once in each, every vote accepted and in the final tally the TV was shown.
            Assert.Equal(["guess-1", "guess-2"], report.Votes.Select(v => v.Key));
            foreach (var vote in report.Votes)
            {
                Assert.True(vote is { Accepted: 20, Refused: 0, FinalTotal: 20, TallyOnTvMs: > 0 }, $"{vote}\n{log}");
            }

            Assert.Equal(2, report.TallyOnTv.Count);
            Assert.Equal(40, report.TallyAtAudience.Count);
            Assert.NotNull(report.AudienceMemory);
            Assert.Equal(20, report.AudienceMemory.Clients);
            Assert.True(report.Players.RestAll.Count > 0 && report.Players.EventDelivery.Count > 0, log.ToString());
            Assert.Contains(report.Targets, t => t.Target.Contains("tally on the TV", StringComparison.Ordinal));

            // The servers' own times, from their /metrics (served on request): every guess the bots sent and every vote, once each.
            var guesses = Assert.Single(report.ServerTimes, t => t.Route == "POST /api/sessions/{code}/guesses");
            Assert.Equal(report.Players.Rest["guess"].Count, guesses.Count);
            // The votes went as the option says: 40 requests to the picks route, or 40 moves on the sockets and no such request.
            var picks = report.ServerTimes.SingleOrDefault(t => t.Route == "POST /api/sessions/{code}/audience/picks")?.Count ?? 0;
            var onSockets = report.Audience.Rest.GetValueOrDefault("audience vote (WebSocket)")?.Count ?? 0;
            Assert.Equal(votes == "rest" ? (40L, 0L) : (0L, 40L), (picks, onSockets));
            Assert.All(report.ServerTimes, t => Assert.True(t.P50AtMostMs <= t.P99AtMostMs, t.ToString()));

            using var written = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            Assert.Equal(20, written.RootElement.GetProperty("connected").GetInt32());
        }
        finally
        {
            File.Delete(output);
        }
    }
}
