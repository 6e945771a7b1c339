using System.Diagnostics;
using PartyProtocol.Bench.Reporting;
using PartyProtocol.Bench.Servers;

namespace PartyProtocol.Bench.Load;

/// <summary>
/// Plays the game in S sessions at once: the sessions start spread over the ramp, and each plays its games one after the
/// other — a fixed number, or until the duration is up (a game in progress is finished).
/// </summary>
public static class GameLoad
{
    public static async Task<TimeSpan> RunAsync(LoadContext context, string name, ConsoleProgress log, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var metrics = context.Metrics;
        var clock = Stopwatch.StartNew();
        var stopStartingAt = options.Duration is { } duration ? options.Ramp + duration : (TimeSpan?)null;
        var planned = options.Duration is null ? (options.Sessions * options.Games).ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";
        await using (ProgressTicker.Start(name, metrics, () => $"{metrics.GamesCompleted + metrics.GamesFailed}/{planned}",
            ct => RuntimeCounters.ReadAsync(context.Rest.Http, context.Servers, ct), options.Progress, log))
        {
            await Task.WhenAll(Enumerable.Range(0, options.Sessions).Select(async session =>
            {
                await Task.Delay(options.Ramp * session / options.Sessions, cancellationToken);
                for (var game = 0; stopStartingAt is { } stop ? clock.Elapsed < stop : game < options.Games; game++)
                {
                    try
                    {
                        await new BotGame(context, session, game).PlayAsync(cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        metrics.Error("exception", ex.ToString());
                        metrics.GameFailed();
                    }
                }
            }));
        }

        return clock.Elapsed;
    }
}
