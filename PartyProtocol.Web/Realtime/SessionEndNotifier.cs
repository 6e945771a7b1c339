using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Scaleout;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// Announces the ends nobody commits: a session that expired (idle, or its game-over grace ran out) or that the store
/// lost (Redis restarted without it) simply stops existing, and without this a screen would wait on it forever. Every
/// <see cref="GameSessionOptions.EndCheckInterval"/> each instance reads the sessions its own clients watch (Blazor
/// screens, hub connections and WebSockets all subscribe to the bus per session); a session it saw alive that is gone on two passes in a row —
/// the first gives a <c>session.ended</c> committed elsewhere (an exit) time to arrive — gets <c>session.ended</c>
/// delivered to this instance's clients, with the reason its last sighting explains. Local to the instance, like
/// <c>session.resync</c>: every instance tells its own clients. While the store is unreachable nothing is announced.
/// </summary>
internal sealed class SessionEndNotifier : BackgroundService
{
    // A session is gone by expiry if it was due this close to now (the store's clock may run a little ahead).
    private static readonly TimeSpan ExpiryTolerance = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Watched> _watched = new(StringComparer.Ordinal);
    private readonly GameEventBus _bus;
    private readonly ISessionStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger<SessionEndNotifier> _logger;
    private IDisposable? _events;
    private long _passes;

    public SessionEndNotifier(GameEventBus bus, ISessionStore store, TimeProvider time, IOptions<GameSessionOptions> options,
        ILogger<SessionEndNotifier> logger)
    {
        _bus = bus;
        _store = store;
        _time = time;
        _interval = options.Value.EndCheckInterval;
        _logger = logger;
        Pulse = new LoopPulse("The session end check", time);
    }

    public LoopPulse Pulse { get; }

    /// <summary>What the check knows of each watched session (for diagnostics).</summary>
    internal string Describe() => string.Join("; ", _watched.Select(w =>
        $"{w.Key}: seen {(w.Value.LastSighting is null ? "never" : "alive")}, seq {w.Value.LastSeq}, missed {w.Value.MissedOnce}, ended {w.Value.Ended}"));

    /// <summary>Completed passes since the start.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _events = _bus.SubscribeAll(Observe);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _events?.Dispose();
        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        BackgroundLoop.RunAsync(Pulse, CheckAsync, null, _interval, _time, _logger, stoppingToken);

    /// <summary>One pass: reads every watched session once.</summary>
    internal async Task<TimeSpan> CheckAsync(CancellationToken stoppingToken)
    {
        var codes = _bus.SubscribedSessions.ToHashSet(StringComparer.Ordinal);
        foreach (var code in _watched.Keys.Where(c => !codes.Contains(c)))
        {
            _watched.TryRemove(code, out _);
        }

        var unreachable = 0;
        foreach (var code in codes)
        {
            stoppingToken.ThrowIfCancellationRequested();
            var watched = _watched.GetOrAdd(code, _ => new Watched());
            Session? session;
            try
            {
                session = await _store.GetAsync(code, stoppingToken);
            }
            catch (SessionStoreUnavailableException)
            {
                // Unreachable is not gone: nothing is concluded about this session on this pass.
                unreachable++;
                continue;
            }

            var now = _time.GetUtcNow();
            lock (watched)
            {
                if (session is not null)
                {
                    watched.Seen(session);
                    continue;
                }

                if (watched.Ended || watched.LastSighting is null)
                {
                    continue;
                }

                if (!watched.MissedOnce)
                {
                    watched.MissedOnce = true;
                    continue;
                }

                watched.Ended = true;
            }

            var reason = ReasonFor(watched.LastSighting, now);
            _logger.LogInformation("Session {Code} is gone ({Reason}); telling its clients on this instance.", code, reason);
            _bus.Deliver(new GameEvent(EventTypes.SessionEnded, code, watched.LastSeq + 1, now, new SessionEnded(reason)) { Origin = _bus.InstanceId });
        }

        Interlocked.Increment(ref _passes);
        return unreachable == 0 ? _interval : throw new SessionStoreUnavailableException($"{unreachable} watched sessions could not be read.");
    }

    private static string ReasonFor(Sighting last, DateTimeOffset now) =>
        last.ExpiresAt > now + ExpiryTolerance ? SessionEndReasons.Lost
        : last.Finished ? SessionEndReasons.GameOver
        : SessionEndReasons.Idle;

    // Every event delivered here: the highest seq a client may have seen, and whether the end was already announced.
    private void Observe(GameEvent gameEvent)
    {
        if (!_watched.TryGetValue(gameEvent.Code, out var watched))
        {
            return;
        }

        lock (watched)
        {
            watched.LastSeq = Math.Max(watched.LastSeq, gameEvent.Seq);
            watched.Ended |= gameEvent.Type == EventTypes.SessionEnded;
        }
    }

    private sealed record Sighting(bool Finished, DateTimeOffset ExpiresAt);

    private sealed class Watched
    {
        public Sighting? LastSighting { get; private set; }

        public long LastSeq { get; set; }

        public bool MissedOnce { get; set; }

        public bool Ended { get; set; }

        public void Seen(Session session)
        {
            LastSighting = new Sighting(session.Status == SessionStatus.Finished, session.ExpiresAt);
            LastSeq = Math.Max(LastSeq, session.Seq);
            MissedOnce = false;
        }
    }
}
