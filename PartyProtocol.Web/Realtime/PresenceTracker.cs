using System.Collections.Concurrent;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// Counts each player's live connections on this instance — Blazor circuits, SignalR connections and plain
/// WebSockets alike — and tells the game when a player goes from none to some or back, so a phase can end as soon
/// as every connected player has acted. In multi-instance mode <paramref name="cluster"/> adds up the counts of
/// every live instance, so a player stays connected while any instance holds one of their connections.
/// </summary>
public sealed class PresenceTracker(GameService games, ILogger<PresenceTracker> logger, IClusterPresence? cluster = null)
{
    // A racing report on another instance can commit its answer after ours: re-check a few times until they agree.
    private const int MaxSyncRounds = 3;

    private readonly ConcurrentDictionary<(string Code, string PlayerId), int> _connections = new();

    /// <summary>Live connections of a player on this instance.</summary>
    public int ConnectionsOf(string code, string playerId) => _connections.GetValueOrDefault((code, playerId));

    /// <summary>Registers one connection of a player until the returned handle is disposed.</summary>
    public IDisposable Track(string code, string playerId)
    {
        var key = (code, playerId);
        if (_connections.AddOrUpdate(key, 1, (_, n) => n + 1) == 1)
        {
            _ = SyncAsync(key);
        }

        return new Handle(this, key);
    }

    private void Release((string Code, string PlayerId) key)
    {
        var left = _connections.AddOrUpdate(key, 0, (_, n) => Math.Max(0, n - 1));
        if (left == 0)
        {
            _connections.TryRemove(new KeyValuePair<(string, string), int>(key, 0));
            _ = SyncAsync(key);
        }
    }

    // Reads the count when the call runs, so racing connects and disconnects converge on the true state.
    private async Task SyncAsync((string Code, string PlayerId) key)
    {
        try
        {
            bool? recorded = null;
            for (var round = 0; round < MaxSyncRounds; round++)
            {
                var local = ConnectionsOf(key.Code, key.PlayerId);
                var connected = cluster is null ? local > 0 : await cluster.ReportAsync(key.Code, key.PlayerId, local);
                if (connected == recorded)
                {
                    return;
                }

                var result = await games.SetConnectedAsync(key.Code, key.PlayerId, connected);
                if (!result.IsSuccess)
                {
                    if (result.Error.Code is not ("session_not_found" or "player_not_found"))
                    {
                        logger.LogWarning("Presence of {PlayerId} in {Code} not recorded: {Error}", key.PlayerId, key.Code, result.Error.Message);
                    }

                    return;
                }

                if (cluster is null)
                {
                    return;
                }

                recorded = connected;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Presence of {PlayerId} in {Code} not recorded.", key.PlayerId, key.Code);
        }
    }

    private sealed class Handle(PresenceTracker tracker, (string Code, string PlayerId) key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                tracker.Release(key);
            }
        }
    }
}
