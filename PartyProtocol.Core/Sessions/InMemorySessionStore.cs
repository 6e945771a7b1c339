using System.Collections.Concurrent;

namespace PartyProtocol.Core.Sessions;

/// <summary>The single-instance store: a dictionary, with expired sessions swept once a minute.</summary>
public sealed class InMemorySessionStore : ISessionStore, IDisposable
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;

    public InMemorySessionStore(TimeProvider time)
    {
        _time = time;
        _sweeper = time.CreateTimer(_ => SweepExpired(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public int Count => _sessions.Count;

    public ValueTask<Session?> GetAsync(string code, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_sessions.TryGetValue(code, out var session) && !IsExpired(session) ? session : null);

    public ValueTask<bool> TryCreateAsync(Session session, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_sessions.TryAdd(session.Code, session))
            {
                return ValueTask.FromResult(true);
            }

            if (!_sessions.TryGetValue(session.Code, out var existing) || !IsExpired(existing))
            {
                return ValueTask.FromResult(false);
            }

            if (_sessions.TryUpdate(session.Code, session, existing))
            {
                return ValueTask.FromResult(true);
            }
        }
    }

    public ValueTask<bool> TryUpdateAsync(Session session, long expectedVersion, CancellationToken cancellationToken = default)
    {
        if (!_sessions.TryGetValue(session.Code, out var current) || current.Version != expectedVersion)
        {
            return ValueTask.FromResult(false);
        }

        return ValueTask.FromResult(_sessions.TryUpdate(session.Code, session, current));
    }

    public ValueTask DeleteAsync(string code, CancellationToken cancellationToken = default)
    {
        _sessions.TryRemove(code, out _);
        return ValueTask.CompletedTask;
    }

    /// <summary>Forgets every session whose expiry has passed.</summary>
    public void SweepExpired()
    {
        foreach (var (code, session) in _sessions)
        {
            if (IsExpired(session))
            {
                _sessions.TryRemove(new KeyValuePair<string, Session>(code, session));
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();

    private bool IsExpired(Session session) => session.ExpiresAt <= _time.GetUtcNow();
}
