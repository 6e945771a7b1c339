using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
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

                // Counts alone wait for the room's spacing (longer for a bigger audience); a vote opening or closing, or the
                // host's switch, goes out now: the final tally is what the TV waits for.
                if (watched.Last is { } previous && !Turned(previous, update) && now - watched.LastChange < Spacing(update.Members))
                {
                    watched.Dirty = true;
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

    /// <summary>
    /// How far apart one room's count updates are: <see cref="AudienceOptions.UpdateInterval"/> up to
    /// <see cref="AudienceOptions.MembersPerInterval"/> members, then in proportion to the audience (so the frames its
    /// updates cost stay about the same as it grows), at most <see cref="AudienceOptions.MaxUpdateInterval"/>.
    /// </summary>
    internal TimeSpan Spacing(long members)
    {
        var settings = options.Value;
        var scaled = settings.UpdateInterval * Math.Max(1.0, members / (double)Math.Max(1, settings.MembersPerInterval));
        return scaled < settings.MaxUpdateInterval ? scaled : settings.MaxUpdateInterval;
    }

    /// <summary>Whether the room was switched, or a vote opened or closed, since the last update.</summary>
    private static bool Turned(AudienceUpdated before, AudienceUpdated now) =>
        before.Open != now.Open || before.Vote?.Key != now.Vote?.Key || before.Vote?.Open != now.Vote?.Open;

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

        /// <summary>When the last update went out.</summary>
        public DateTimeOffset LastChange { get; set; }
    }
}

/// <summary>Audience settings (configuration section <c>Audience</c>).</summary>
public sealed class AudienceOptions
{
    public const string SectionName = "Audience";

    /// <summary>How often the store is read for a session's <c>audience.updated</c>, and how often a small audience's may be sent.</summary>
    public TimeSpan UpdateInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The audience up to which counts go out every <see cref="UpdateInterval"/>; a bigger one gets them in proportion less
    /// often (10,000 members: every 2.5 intervals, capped by <see cref="MaxUpdateInterval"/>). Each update is one frame per
    /// member, so at 10,000 members 4 a second were 40,000 frames a second, most of the server's work in a vote.
    /// </summary>
    public int MembersPerInterval { get; set; } = 1000;

    /// <summary>The longest a growing count or tally may wait. Votes opening and closing never wait.</summary>
    public TimeSpan MaxUpdateInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many threads of their own send the audience's connections' frames and read their WebSockets' messages (their
    /// votes; <see cref="AudienceFanout"/>); 0 means one per core.
    /// </summary>
    public int SenderThreads { get; set; }

    /// <summary>
    /// How much lower than the rest of the server the audience's threads run when the cores are busy: Linux's nice value,
    /// added to the process's (0–19; 0 runs them equal; other systems ignore it). A player's move, a screen's event and
    /// Kestrel's I/O then go ahead of 10,000 members' frames instead of sharing the cores with them; the audience still
    /// gets every core the players leave idle. Best effort: Linux gives a new thread its creator's nice value, so a
    /// thread-pool worker started while one of these threads asked for work runs as low as they do, until it retires;
    /// at worst the pool and the audience end up equal, as with 0.
    /// </summary>
    [Range(0, 19)]
    public int SenderNiceness { get; set; } = 10;

    /// <summary>A session nobody here listens to and whose audience did not change for this long is no longer watched.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromMinutes(10);
}
