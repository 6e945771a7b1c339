using System.Collections.Concurrent;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// The hub connections held by this instance, per session, with the viewer each one is. Events are sent to these
/// connections one by one from the local, seq-ordered bus: with the Redis backplane a send to a local connection is
/// written directly (it never crosses Redis), so each connection gets each event exactly once and in seq order even
/// when consecutive events were committed on different instances.
/// </summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Viewer>> _bySession = new(StringComparer.Ordinal);

    public void Add(string code, string connectionId, Viewer viewer) =>
        _bySession.GetOrAdd(code, _ => new ConcurrentDictionary<string, Viewer>(StringComparer.Ordinal))[connectionId] = viewer;

    public void Remove(string code, string connectionId)
    {
        if (_bySession.TryGetValue(code, out var connections) && connections.TryRemove(connectionId, out _) && connections.IsEmpty)
        {
            _bySession.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, Viewer>>(code, connections));
        }
    }

    /// <summary>This instance's connections to a session (a snapshot).</summary>
    public IReadOnlyList<KeyValuePair<string, Viewer>> Of(string code) =>
        _bySession.TryGetValue(code, out var connections) ? [.. connections] : [];

    /// <summary>The sessions this instance holds hub connections to (a snapshot).</summary>
    public IReadOnlyCollection<string> Sessions => [.. _bySession.Keys];

    /// <summary>How many connections this instance holds for a session.</summary>
    public int Count(string code) => _bySession.TryGetValue(code, out var connections) ? connections.Count : 0;
}
