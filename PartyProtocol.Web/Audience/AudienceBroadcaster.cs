using System.Collections.Concurrent;
using PartyProtocol.Core.Audience;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Web.Audience;

/// <summary>
/// Turns the audience's counters into <c>audience.updated</c> events: never one per member, at most one per
/// <see cref="AudienceOptions.UpdateInterval"/> per session, and only when something changed. Every tick it reads the
/// store's snapshot of each session whose audience changed recently or that has listeners here — in multi-instance
/// mode that snapshot is the merged one in Redis, so each instance tells its own listeners what every instance counted.
/// The event is delivered locally (seq 0), not through the session's order: it is a gauge, not a change of state.
/// </summary>
internal sealed partial class AudienceBroadcaster(GameService games, GameEventBus bus, IAudienceStore store, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<AudienceOptions> options, ILogger<AudienceBroadcaster> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Watched> _watched = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        games.AudienceChanged += Watch;
        using var ended = bus.SubscribeAll(OnEvent);
        using var timer = new PeriodicTimer(options.Value.UpdateInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await TickAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            games.AudienceChanged -= Watch;
        }
    }

    /// <summary>Something about this session's audience changed here: look at it on the next tick.</summary>
    public void Watch(string code) => _watched.GetOrAdd(code, _ => new Watched()).Dirty = true;

    private void OnEvent(GameEvent gameEvent)
    {
        if (gameEvent.Type == EventTypes.SessionEnded && _watched.TryRemove(gameEvent.Code, out _))
        {
            _ = store.ForgetAsync(gameEvent.Code).AsTask();
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (code, watched) in _watched)
        {
            // Listened to here, or changed here lately: another instance's votes show up in the merged snapshot.
            var listened = bus.SubscriptionCount(code) > 0;
            if (!watched.Dirty && !listened)
            {
                if (now - watched.LastChange > options.Value.ForgetAfter)
                {
                    _watched.TryRemove(code, out _);
                }

                continue;
            }

            watched.Dirty = false;
            try
            {
                var room = await store.GetRoomAsync(code, cancellationToken);
                var snapshot = await store.SnapshotAsync(code, cancellationToken);
                var update = new AudienceUpdated(snapshot.Members, room.Open, AudienceVoteView.Of(snapshot));
                // A room nobody joined as audience (its votes closed empty) has nothing to show.
                if (watched.Last is { } last ? Same(last, update) : update.Members == 0 && (update.Vote?.Total ?? 0) == 0 && update.Open)
                {
                    continue;
                }

                watched.Last = update;
                watched.LastChange = now;
                bus.Deliver(new GameEvent(EventTypes.AudienceUpdated, code, 0, now, update) { Origin = bus.InstanceId });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                watched.Dirty = true;
                LogSnapshotFailed(logger, code, ex);
            }
        }
    }

    private static bool Same(AudienceUpdated a, AudienceUpdated b) =>
        a.Members == b.Members && a.Open == b.Open
        && (a.Vote, b.Vote) switch
        {
            (null, null) => true,
            ({ } x, { } y) => x.Key == y.Key && x.Open == y.Open && x.Total == y.Total
                && x.Counts.Count == y.Counts.Count && x.Counts.All(c => y.Counts.TryGetValue(c.Key, out var n) && n == c.Value),
            _ => false,
        };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audience of {Code} could not be read for its update.")]
    private static partial void LogSnapshotFailed(ILogger logger, string code, Exception exception);

    private sealed class Watched
    {
        private int _dirty;

        public bool Dirty
        {
            get => Volatile.Read(ref _dirty) == 1;
            set => Volatile.Write(ref _dirty, value ? 1 : 0);
        }

        public AudienceUpdated? Last { get; set; }

        public DateTimeOffset LastChange { get; set; }
    }
}

/// <summary>Audience settings (configuration section <c>Audience</c>).</summary>
public sealed class AudienceOptions
{
    public const string SectionName = "Audience";

    /// <summary>How often a session's <c>audience.updated</c> may be sent (and the store read for it).</summary>
    public TimeSpan UpdateInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A session nobody here listens to and whose audience did not change for this long is no longer watched.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromMinutes(10);
}
