using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Web.Telemetry;

/// <summary>
/// The live sessions this instance serves and their players, for the gauges <c>partyprotocol.sessions.live</c> and
/// <c>partyprotocol.players</c> (by game). Fed by the session store decorator with every session this instance reads
/// or writes, so it needs no extra round trip: a session counts while it is in the lobby, playing or paused and not
/// past its expiry. In multi-instance mode a session whose screens are spread over instances is counted by each of
/// them; sum over instances for the load, take the maximum for the number of games.
/// </summary>
public sealed class SessionCensus : IDisposable
{
    private static readonly ConcurrentDictionary<SessionCensus, byte> Censuses = new();

    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    static SessionCensus()
    {
        PartyTelemetry.SharedMeter.CreateObservableGauge("partyprotocol.sessions.live",
            () => Observe(entries => entries.Count()), "{session}", "Live sessions (lobby, playing or paused) this instance serves, by game.");
        PartyTelemetry.SharedMeter.CreateObservableGauge("partyprotocol.players",
            () => Observe(entries => entries.Sum(e => (long)e.Players)), "{player}", "Seated players of the live sessions this instance serves, by game.");
    }

    public SessionCensus(TimeProvider time)
    {
        _time = time;
        Censuses[this] = 0;
    }

    /// <summary>The session as it is now (read or committed here).</summary>
    public void Saw(Session session)
    {
        if (session.Status == SessionStatus.Finished)
        {
            _sessions.TryRemove(session.Code, out _);
            return;
        }

        _sessions[session.Code] = new Entry(session.GameKey, session.ActivePlayers.Count(), session.ExpiresAt);
    }

    /// <summary>The session is gone (deleted, expired, or not found).</summary>
    public void Gone(string code) => _sessions.TryRemove(code, out _);

    /// <summary>Live sessions by game now (for tests and diagnostics).</summary>
    public IReadOnlyDictionary<string, int> LiveByGame() =>
        Live().GroupBy(e => e.Game).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public void Dispose() => Censuses.TryRemove(this, out _);

    private IEnumerable<Entry> Live()
    {
        var now = _time.GetUtcNow();
        foreach (var (code, entry) in _sessions)
        {
            if (entry.ExpiresAt > now)
            {
                yield return entry;
            }
            else
            {
                _sessions.TryRemove(new KeyValuePair<string, Entry>(code, entry));
            }
        }
    }

    private static IEnumerable<Measurement<long>> Observe(Func<IEnumerable<Entry>, long> measure) =>
        Censuses.Keys.SelectMany(c => c.Live())
            .GroupBy(e => e.Game)
            .Select(g => new Measurement<long>(measure(g), new KeyValuePair<string, object?>("game", g.Key)));

    private sealed record Entry(string Game, int Players, DateTimeOffset ExpiresAt);
}
