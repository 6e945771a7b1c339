using System.Net;
using System.Net.Http.Json;
using PartyProtocol.Bench.Clients;
using PartyProtocol.Bench.Measurement;
using PartyProtocol.Bench.Servers;

namespace PartyProtocol.Bench.Load;

/// <summary>The server's memory with N idle connected clients, against the same server just before they connected.</summary>
public sealed record MemoryResult(int Clients, MemorySnapshot Before, MemorySnapshot After)
{
    public double ManagedBytesPerClient => (After.ManagedHeapBytes - Before.ManagedHeapBytes) / (double)Clients;

    public double WorkingSetBytesPerClient => (After.WorkingSetBytes - Before.WorkingSetBytes) / (double)Clients;
}

/// <summary>
/// Measures memory per idle connected client: sessions and seats are created first, the server's memory is read after
/// a forced full GC, then every client connects, and after a short settle the memory is read again the same way.
/// </summary>
public static class MemoryProbe
{
    private const int Parallelism = 32;

    /// <summary>The server's memory after a full GC, or null when it does not serve the diagnostics endpoint.</summary>
    public static async Task<MemorySnapshot?> SnapshotAsync(HttpClient http, Uri server, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(server, MemorySnapshot.Path), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<MemorySnapshot>(cancellationToken);
    }

    /// <summary>S sessions of P seated bots plus a screen each, all connected and idle (nobody presses play).</summary>
    public static async Task<MemoryResult?> MeasureGameAsync(LoadContext context, HttpClient http, Uri server, TimeSpan settle,
        CancellationToken cancellationToken)
    {
        var options = context.Options;
        if (await SnapshotAsync(http, server, cancellationToken) is null)
        {
            return null;
        }

        var rest = context.Rest;
        var sessions = await ForEachAsync(Enumerable.Range(0, options.Sessions), async i =>
        {
            var created = await rest.SendAsync("create session", HttpMethod.Post, new Uri(server, "api/sessions"), null,
                new { game = options.GameKey, settings = new { maxPlayers = options.Players } }, cancellationToken);
            if (created is not { } session)
            {
                return null;
            }

            var code = session.GetProperty("code").GetString()!;
            var tokens = new List<string>();
            for (var p = 0; p < options.Players; p++)
            {
                var joined = await rest.SendAsync("join", HttpMethod.Post, new Uri(server, $"api/sessions/{code}/players"), null,
                    new { name = $"Idle {p + 1}" }, cancellationToken);
                if (joined is { } j)
                {
                    tokens.Add(j.GetProperty("playerToken").GetString()!);
                }
            }

            return new IdleSession(code, session.GetProperty("ownerToken").GetString()!, tokens);
        });

        var ready = sessions.OfType<IdleSession>().ToList();
        var clients = ready.SelectMany(s => s.Tokens.Prepend(null).Select(token => (s.Code, Token: token))).ToList();
        try
        {
            // One session's clients connect and leave first, so code run once per process (JIT, first-use caches) is not
            // counted against the connections.
            await WarmUpAsync(clients.Take(options.ConnectionsPerSession).Select(c =>
                context.Connect(server, c.Code, c.Token, new ConnectionCallbacks(_ => { }, (_, _) => { }))).ToList());
            return await MeasureAsync(http, server, clients.Count, settle, callbacks => clients.Select(c =>
                context.Connect(server, c.Code, c.Token, callbacks)).ToList(), context.Metrics, cancellationToken);
        }
        finally
        {
            await ForEachAsync(ready, async s =>
            {
                await rest.SendAsync("exit", HttpMethod.Post, new Uri(server, $"api/sessions/{s.Code}/exit"), s.Owner, null, cancellationToken);
                return (object?)null;
            });
        }
    }

    /// <summary>Connects and closes a few clients; their failures surface in the measurement itself.</summary>
    public static async Task WarmUpAsync(IReadOnlyList<IEventConnection> connections)
    {
        await ForEachAsync(connections, async c =>
        {
            using var limit = new CancellationTokenSource(Connections.PingTimeout);
            try
            {
                await c.ConnectAsync(limit.Token);
                await c.CloseAsync();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Only a warm-up.
            }

            await c.DisposeAsync();
            return (object?)null;
        });
    }

    /// <summary>Connects the given clients (in parallel, a few at a time), reads memory before and after, closes them.</summary>
    public static async Task<MemoryResult?> MeasureAsync(HttpClient http, Uri server, int count, TimeSpan settle,
        Func<ConnectionCallbacks, IReadOnlyList<IEventConnection>> create, RunMetrics metrics, CancellationToken cancellationToken)
    {
        var before = await SnapshotAsync(http, server, cancellationToken);
        if (before is null || count == 0)
        {
            return null;
        }

        var callbacks = new ConnectionCallbacks(_ => { }, (kind, detail) => metrics.Error(kind, detail));
        var connections = create(callbacks);
        try
        {
            var connected = await ForEachAsync(connections, async c =>
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                limit.CancelAfter(Connections.PingTimeout * 2);
                try
                {
                    await c.ConnectAsync(limit.Token);
                    return (object?)c;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    metrics.Error("connect_failed", $"{ex.GetType().Name}: {ex.Message}");
                    return null;
                }
            });
            var live = connected.Count(c => c is not null);
            await Task.Delay(settle, cancellationToken);
            var after = await SnapshotAsync(http, server, cancellationToken);
            return after is null || live == 0 ? null : new MemoryResult(live, before, after);
        }
        finally
        {
            await ForEachAsync(connections, async c =>
            {
                await c.CloseAsync();
                await c.DisposeAsync();
                return (object?)null;
            });
        }
    }

    private sealed record IdleSession(string Code, string Owner, List<string> Tokens);

    private static async Task<List<T?>> ForEachAsync<TItem, T>(IEnumerable<TItem> items, Func<TItem, Task<T?>> action)
    {
        using var gate = new SemaphoreSlim(Parallelism);
        return [.. await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync();
            try
            {
                return await action(item);
            }
            finally
            {
                gate.Release();
            }
        }))];
    }
}
