using System.Collections.Concurrent;
using System.Diagnostics;
using PartyProtocol.Bench.Clients;
using PartyProtocol.Bench.Measurement;
using PartyProtocol.Bench.Reporting;
using PartyProtocol.Bench.Servers;

namespace PartyProtocol.Bench.Load;

/// <summary>How the baseline is loaded: phase length, phases per group, and filler to match the game's frame size.</summary>
public sealed record BaselinePlan(int PhaseMs, int Phases, int PadBytes);

/// <summary>
/// Loads the baseline server the way the game is loaded: the same number of groups and clients per group, started over
/// the same ramp; each group's timer opens phases, and on each phase every bot "moves" over HTTP after a random
/// think time within the phase, which the server broadcasts to the group.
/// </summary>
public static class BaselineLoad
{
    public const string FinalEvent = "end";

    public static async Task<TimeSpan> RunAsync(BenchOptions options, Uri server, BaselinePlan plan, RestClient rest, NodeClients? node,
        ConsoleProgress log, int seed, CancellationToken cancellationToken)
    {
        var metrics = rest.Metrics;
        var clock = Stopwatch.StartNew();
        var done = 0;
        await using (ProgressTicker.Start("baseline", metrics, () => $"{Volatile.Read(ref done)}/{options.Sessions}",
            ct => RuntimeCounters.ReadAsync(rest.Http, [server], ct), options.Progress, log))
        {
            await Task.WhenAll(Enumerable.Range(0, options.Sessions).Select(async group =>
            {
                await Task.Delay(options.Ramp * group / options.Sessions, cancellationToken);
                try
                {
                    await RunGroupAsync(options, server, plan, rest, node, $"g{group}", unchecked((seed * 7919) + group), cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    metrics.Error("exception", ex.ToString());
                }

                Interlocked.Increment(ref done);
            }));
        }

        return clock.Elapsed;
    }

    private static async Task RunGroupAsync(BenchOptions options, Uri server, BaselinePlan plan, RestClient rest, NodeClients? node, string group,
        int seed, CancellationToken cancellationToken)
    {
        var metrics = rest.Metrics;
        var transitions = new TransitionTracker(options.ConnectionsPerSession, metrics.DeadlineToLastClient);
        var phaseClock = new BaselinePhaseClock();
        var bots = new List<BaselineBot>();
        var clients = new List<ClientSession>();
        var socketAddress = Connections.WebSocketAddress(server, $"ws/{group}");
        for (var i = 0; i < options.ConnectionsPerSession; i++)
        {
            // Member 0 listens like the game's screen; the others are bots.
            var bot = i == 0 ? null : new BaselineBot(rest, new Uri(server, $"baseline/{group}/moves"), seed + i, cancellationToken);
            if (bot is not null)
            {
                bots.Add(bot);
            }

            var client = new ClientSession(metrics, transitions, phaseClock, FinalEvent, bot is null ? null : bot.OnEvent);
            client.Connection = Connections.Socket(socketAddress, client.Callbacks, node);
            clients.Add(client);
        }

        try
        {
            var connected = await Task.WhenAll(clients.Select(c => c.ConnectAsync(TimeSpan.FromSeconds(60), cancellationToken)));
            if (connected.Any(ok => !ok))
            {
                return;
            }

            if (await rest.SendAsync("start", HttpMethod.Post, new Uri(server, $"baseline/{group}/start"), null, plan, cancellationToken) is null)
            {
                return;
            }

            var budget = (2 * TimeSpan.FromMilliseconds(plan.PhaseMs * (plan.Phases + 1))) + TimeSpan.FromSeconds(30);
            try
            {
                await Task.WhenAll(clients.Select(c => c.Finished)).WaitAsync(budget, cancellationToken);
            }
            catch (TimeoutException)
            {
                metrics.Error("game_timeout", $"baseline {group}: not every client saw '{FinalEvent}' within {budget.TotalSeconds:0} s");
            }

            await Task.WhenAll(bots.Select(b => b.WhenIdleAsync())).WaitAsync(TimeSpan.FromSeconds(40), cancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var lastSeq = clients.Where(c => c.Finished.IsCompletedSuccessfully).Select(c => c.Finished.Result).DefaultIfEmpty(0).Max();
            foreach (var client in clients)
            {
                var (lost, repeated, late) = client.Sequence.Verdict(1, lastSeq == 0 ? client.Sequence.Last : lastSeq);
                metrics.SequenceProblems(lost, repeated, late, client.Sequence.Notes.Select(n => $"{group}: {n}"));
            }

            metrics.TransitionsIncomplete(transitions.Incomplete);
            if (clients.All(c => c.Finished.IsCompletedSuccessfully))
            {
                metrics.GameCompleted();
            }
            else
            {
                metrics.GameFailed();
            }
        }
        finally
        {
            await Task.WhenAll(clients.Select(async c =>
            {
                await c.Connection!.CloseAsync();
                await c.Connection.DisposeAsync();
            }));
            await rest.SendAsync("end group", HttpMethod.Delete, new Uri(server, $"baseline/{group}"), null, null, CancellationToken.None);
        }
    }

    /// <summary>The baseline's phases: "phase" carries its deadline, "end" closes the run.</summary>
    private sealed class BaselinePhaseClock : IPhaseClock
    {
        public bool OpensPhase(ReceivedEvent received) => received.Type is "phase" or FinalEvent;

        public DateTimeOffset? DeadlineArmedBy(ReceivedEvent received) => received.Type == "phase" ? received.DataTime("deadline") : null;
    }

    /// <summary>Moves once per phase, after a random think time within it.</summary>
    private sealed class BaselineBot(RestClient rest, Uri moves, int seed, CancellationToken cancellationToken)
    {
        private readonly Random _random = new(seed);
        private readonly ConcurrentBag<Task> _actions = [];

        public void OnEvent(ReceivedEvent received)
        {
            if (received.Type == "phase" && received.DataTime("deadline") is { } deadline)
            {
                double share;
                lock (_random)
                {
                    share = 0.1 + (_random.NextDouble() * 0.7);
                }

                _actions.Add(MoveAsync((deadline - DateTimeOffset.UtcNow) * share));
            }
        }

        public Task WhenIdleAsync() => Task.WhenAll(_actions);

        private async Task MoveAsync(TimeSpan think)
        {
            try
            {
                if (think > TimeSpan.Zero)
                {
                    await Task.Delay(think, cancellationToken);
                }

                await rest.SendAsync("move", HttpMethod.Post, moves, null, null, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Abandoned with the run.
            }
        }
    }
}
