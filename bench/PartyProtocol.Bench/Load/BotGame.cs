using PartyProtocol.Bench.Measurement;
using PartyProtocol.Core.Cartridges.Bluff;

namespace PartyProtocol.Bench.Load;

/// <summary>
/// One whole game (Bluff or Quiz) in one session: the owner creates the session over REST, the bots join, the screen
/// and every bot connect, the owner starts the game, the server's deadlines drive it to the end while the bots play
/// (in Quiz the owner also moves on from each question's results), and afterwards every connection's seq stream is
/// checked and the session is closed. An <see cref="IGameAudience"/>, when given, arrives once the players are connected
/// and before play, watches the screen, and is checked against the same seq range.
/// </summary>
public sealed class BotGame(LoadContext context, int sessionIndex, int gameIndex, IGameAudience? audience = null)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);

    private RunMetrics Metrics => context.Metrics;

    public async Task PlayAsync(CancellationToken cancellationToken)
    {
        var options = context.Options;
        var rest = context.Rest;
        var ownerServer = context.ServerFor(sessionIndex, 0);
        var created = await rest.SendAsync("create session", HttpMethod.Post, new Uri(ownerServer, "api/sessions"), null,
            GameSettings.For(options), cancellationToken);
        if (created is not { } session)
        {
            Metrics.GameFailed();
            return;
        }

        var code = session.GetProperty("code").GetString()!;
        var ownerToken = session.GetProperty("ownerToken").GetString()!;
        var clients = new List<ClientSession>();
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var completed = await RunAsync(code, ownerToken, clients, abandon.Token);
            if (completed)
            {
                Metrics.GameCompleted();
            }
            else
            {
                Metrics.GameFailed();
            }
        }
        finally
        {
            await abandon.CancelAsync();
            if (audience is not null)
            {
                await audience.CloseAsync();
            }

            await Task.WhenAll(clients.Select(async c =>
            {
                if (c.Connection is { } connection)
                {
                    await connection.CloseAsync();
                    await connection.DisposeAsync();
                }
            }));
            if (!cancellationToken.IsCancellationRequested)
            {
                await rest.SendAsync("exit", HttpMethod.Post, new Uri(ownerServer, $"api/sessions/{code}/exit"), ownerToken, null, cancellationToken);
            }
        }
    }

    private async Task<bool> RunAsync(string code, string ownerToken, List<ClientSession> clients, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var rest = context.Rest;
        var ownerServer = context.ServerFor(sessionIndex, 0);
        var joins = await Task.WhenAll(Enumerable.Range(0, options.Players).Select(i =>
            rest.SendAsync("join", HttpMethod.Post, new Uri(context.ServerFor(sessionIndex, i + 1), $"api/sessions/{code}/players"), null,
                new { name = $"Bot {i + 1}" }, cancellationToken)));
        if (joins.Any(j => j is null))
        {
            return false;
        }

        var transitions = new TransitionTracker(options.ConnectionsPerSession, Metrics.DeadlineToLastClient);
        var owner = options.Game == BenchGame.Quiz ? new QuizOwner(rest, ownerServer, code, ownerToken, cancellationToken) : null;
        Action<ReceivedEvent>? onScreen = (owner, audience) switch
        {
            (null, null) => null,
            ({ } o, null) => o.OnEvent,
            (null, { } a) => a.OnScreenEvent,
            ({ } o, { } a) => e =>
            {
                o.OnEvent(e);
                a.OnScreenEvent(e);
            },
        };
        var screen = new ClientSession(Metrics, transitions, context.PhaseClock, BluffEvents.GameOver, onScreen);
        screen.Connection = context.Connect(ownerServer, code, token: null, screen.Callbacks);
        clients.Add(screen);
        var bots = new List<BotPlayer>();
        for (var i = 0; i < joins.Length; i++)
        {
            var server = context.ServerFor(sessionIndex, i + 1);
            var bot = new BotPlayer(rest, options, server, code, joins[i]!.Value.GetProperty("playerToken").GetString()!,
                context.SeedFor(sessionIndex, gameIndex, i), cancellationToken);
            bots.Add(bot);
            var client = new ClientSession(Metrics, transitions, context.PhaseClock, BluffEvents.GameOver, bot.OnEvent);
            client.Connection = context.Connect(server, code, bot.Token, client.Callbacks);
            clients.Add(client);
        }

        var connected = await Task.WhenAll(clients.Select(c => c.ConnectAsync(ConnectTimeout, cancellationToken)));
        if (connected.Any(ok => !ok))
        {
            return false;
        }

        if (audience is not null && !await audience.ArriveAsync(ownerServer, code, ownerToken, cancellationToken))
        {
            return false;
        }

        // Every connection is subscribed now: each must see every event from the first one after this seq.
        var before = await rest.SendAsync("view", HttpMethod.Get, new Uri(ownerServer, $"api/sessions/{code}"), null, null, cancellationToken);
        if (before is not { } view || await rest.SendAsync("play", HttpMethod.Post, new Uri(ownerServer, $"api/sessions/{code}/play"), ownerToken,
                null, cancellationToken) is null)
        {
            return false;
        }

        var firstSeq = view.GetProperty("seq").GetInt64() + 1;
        var started = DateTimeOffset.UtcNow;
        var budget = (2 * options.NominalGameLength) + TimeSpan.FromSeconds(30);
        try
        {
            await Task.WhenAll(clients.Select(c => c.Finished)).WaitAsync(budget, cancellationToken);
        }
        catch (TimeoutException)
        {
            Metrics.Error("game_timeout", $"{code}: not every client saw {BluffEvents.GameOver} within {budget.TotalSeconds:0} s");
        }

        context.GameObserved(screen.Events, DateTimeOffset.UtcNow - started);
        await Task.WhenAll(bots.Select(b => b.WhenIdleAsync()).Append(owner?.WhenIdleAsync() ?? Task.CompletedTask))
            .WaitAsync(TimeSpan.FromSeconds(40), cancellationToken)
            .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        var lastSeq = clients.Where(c => c.Finished.IsCompletedSuccessfully).Select(c => c.Finished.Result).DefaultIfEmpty(0).Max();
        if (lastSeq == 0)
        {
            lastSeq = clients.Max(c => c.Sequence.Last);
        }

        foreach (var client in clients)
        {
            var (lost, repeated, late) = client.Sequence.Verdict(firstSeq, lastSeq);
            Metrics.SequenceProblems(lost, repeated, late, client.Sequence.Notes.Select(n => $"{code}: {n}"));
        }

        Metrics.TransitionsIncomplete(transitions.Incomplete);
        var audienceComplete = audience is null || await audience.SettleAsync(firstSeq, lastSeq, cancellationToken);
        return clients.All(c => c.Finished.IsCompletedSuccessfully) && audienceComplete;
    }
}
