using System.Diagnostics;
using PartyProtocol.Bench.Clients;
using PartyProtocol.Bench.Load;
using PartyProtocol.Bench.Measurement;
using PartyProtocol.Bench.Reporting;
using PartyProtocol.Bench.Servers;

namespace PartyProtocol.Bench.Audience;

/// <summary>
/// <c>--audience N</c> (issue #17): one room — <c>--players</c> bots playing one whole game as in the load runs, on the
/// first <c>--transport</c>, and its screen (the TV) — plus N audience members on plain WebSockets who vote in every vote
/// phase. On the bench's own server (one instance, or two sharing Redis with <c>--redis</c>; members alternate over
/// them). Reports the audience's lost events and delivery, the tally on the TV after each vote closes, memory per idle
/// audience connection, the players' latencies meanwhile, and every vote accepted, refused and counted.
/// </summary>
public static class AudienceRunner
{
    public static async Task<AudienceReport> RunAsync(BenchOptions options, string command, TextWriter output, CancellationToken cancellationToken)
    {
        var log = new ConsoleProgress(output);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var loadAtStart = Machine.LoadAverage();
        var seed = options.Seed ?? Random.Shared.Next();
        var size = options.Audience ?? throw new ArgumentException("--audience N is not set.");
        // One game in one room; the vote phases are long enough for a crowd to vote early in them (the bots end them sooner).
        var played = options with
        {
            Sessions = 1,
            Games = 1,
            Duration = null,
            GuessSeconds = Math.Max(options.GuessSeconds, 15),
            QuestionSeconds = Math.Max(options.QuestionSeconds, 15),
        };
        var transport = played.Transports[0];
        using var hard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hard.CancelAfter(options.Timeout ?? TimeSpan.FromMinutes(8 + (size / 1000.0)));
        var token = hard.Token;
        using var http = RestClient.CreateHttpClient();
        using var audienceHttp = RestClient.CreateHttpClient();
        var players = new RunMetrics();
        var audience = new RunMetrics();
        var warmPlayers = new RunMetrics();
        var warmAudience = new RunMetrics();
        AudienceCrowd? crowd = null;
        var elapsed = TimeSpan.Zero;
        var instances = 0;
        string? aborted = null;
        log.Line($"audience: one {played.Game} room of {played.Players} bots ({transport}) and {size:N0} audience members on plain WebSockets" +
            (played.Redis is null ? "" : ", two instances sharing Redis"));
        try
        {
            await using var servers = await TargetServers.StartOrAttachAsync(played, played.Redis, log, token);
            instances = servers.Urls.Count;
            if (played.Warmup > 0)
            {
                // One unmeasured round with a small crowd, so the measured run meets warm code on every path.
                var warm = played with { Rounds = 1, Questions = 5, Audience = Math.Min(size, 50) };
                log.Line($"audience: warm-up, one unmeasured game with {warm.Audience} audience members...");
                using var warmCrowd = new AudienceCrowd(warm, servers.Urls, new RestClient(audienceHttp, warmAudience), log, ~seed);
                await RunGameAsync(new LoadContext(warm, servers.Urls, transport, new RestClient(http, warmPlayers), ~seed), warmCrowd, token);
            }

            crowd = new AudienceCrowd(played, servers.Urls, new RestClient(audienceHttp, audience), log, seed);
            var context = new LoadContext(played, servers.Urls, transport, new RestClient(http, players), seed);
            var current = crowd;
            await using (ProgressTicker.Start("players", players, () => $"{players.GamesCompleted + players.GamesFailed}/1",
                ct => RuntimeCounters.ReadAsync(http, servers.Urls, ct), played.Progress, log))
            await using (ProgressTicker.Start("audience", audience, () => $"{current.Connected}/{size}",
                _ => Task.FromResult<RuntimeCounters?>(null), played.Progress, log))
            {
                var measured = Stopwatch.StartNew();
                try
                {
                    await RunGameAsync(context, crowd, token);
                }
                finally
                {
                    elapsed = measured.Elapsed;
                }
            }
        }
        catch (OperationCanceledException) when (hard.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            aborted = "the hard limit passed; figures are partial";
            log.Line(aborted);
        }

        using var disposeCrowd = crowd;
        var report = AudienceReport.From(started, command, Machine.Info(loadAtStart) with { ServerStartedHere = options.Urls.Count == 0, Instances = instances },
            played, transport, seed, crowd, players, audience, [("warm-up", warmPlayers)], [("warm-up", warmAudience)], elapsed,
            Math.Round(clock.Elapsed.TotalSeconds, 1), aborted);
        log.Raw(AudienceReport.Format(report));
        await Machine.WriteReportAsync(report, options.Out ?? Machine.DefaultOutPath(started, "audience"), log);
        return report;
    }

    private static async Task RunGameAsync(LoadContext context, AudienceCrowd crowd, CancellationToken token)
    {
        try
        {
            await new BotGame(context, 0, 0, crowd).PlayAsync(token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.Metrics.Error("exception", ex.ToString());
            context.Metrics.GameFailed();
        }
    }
}
