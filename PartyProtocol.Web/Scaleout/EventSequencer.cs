using PartyProtocol.Core.Events;

namespace PartyProtocol.Web.Scaleout;

/// <summary>
/// Delivers each session's events exactly once and in seq order, whatever order they arrive in: the next expected
/// event is delivered at once (with any held successors), a later one is held until the gap fills, an earlier or
/// repeated one is dropped. A gap that stays open past the timeout — an event lost by pub/sub — is closed by
/// <see cref="CloseGap"/> with a local <see cref="EventTypes.SessionResync"/> event carrying the store's seq, so
/// subscribers re-read the view instead of showing a wrong state.
/// </summary>
internal sealed class EventSequencer(Action<GameEvent> deliver, TimeProvider time, TimeSpan gapTimeout)
{
    private readonly Dictionary<string, Track> _tracks = new(StringComparer.Ordinal);
    private readonly Lock _tracksLock = new();
    private const string GapReason = "gap";
    private const string ReconnectReason = "reconnect";

    private long _dropped;
    private long _resyncs;
    private long _held;

    /// <summary>Events dropped because they had been delivered already.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Events that arrived ahead of an earlier one and had to wait for it.</summary>
    public long Held => Interlocked.Read(ref _held);

    /// <summary>Resync events delivered.</summary>
    public long Resyncs => Interlocked.Read(ref _resyncs);

    public void Accept(GameEvent gameEvent)
    {
        while (!TryAccept(TrackOf(gameEvent.Code), gameEvent))
        {
        }
    }

    private bool TryAccept(Track track, GameEvent gameEvent)
    {
        lock (track)
        {
            if (track.Evicted)
            {
                return false;
            }

            track.LastSeen = time.GetUtcNow();
            // A session this instance has not heard of yet is expected from session.created (seq 1); one created before
            // this instance started is picked up by the gap timeout, as a resync.
            if (gameEvent.Seq == 1 && track.Last >= 1 && gameEvent.At > track.LastAt)
            {
                // A new session reusing the code of one that has gone (a late seq 1 of the old one is older than
                // what was delivered, and is dropped below).
                track.Last = 0;
                track.ExpectedUpTo = 0;
                track.Held.Clear();
                track.GapSince = null;
            }

            if (gameEvent.Seq <= track.Last || !track.Held.TryAdd(gameEvent.Seq, gameEvent))
            {
                Interlocked.Increment(ref _dropped);
                return true;
            }

            if (gameEvent.Seq != track.Last + 1)
            {
                Interlocked.Increment(ref _held);
            }

            Drain(track);
            return true;
        }
    }

    /// <summary>Sessions whose gap has stayed open past the timeout.</summary>
    public IReadOnlyList<string> OverdueGaps()
    {
        var now = time.GetUtcNow();
        return Snapshot().Where(t => { lock (t) { return t.GapSince is { } since && now - since >= gapTimeout; } }).Select(t => t.Code).ToList();
    }

    /// <summary>Sessions whose position is known, with the last seq delivered.</summary>
    public IReadOnlyList<(string Code, long Last)> Positions() =>
        Snapshot().Select(t => { lock (t) { return (t.Code, t.Last); } }).Where(p => p.Last > 0).ToList();

    /// <summary>
    /// Closes an overdue gap with the store's seq (null: the session is gone, so what is held is delivered as it is).
    /// </summary>
    public void CloseGap(string code, long? storeSeq)
    {
        var track = Find(code);
        if (track is null)
        {
            return;
        }

        lock (track)
        {
            if (track.GapSince is not { } since || time.GetUtcNow() - since < gapTimeout)
            {
                return;
            }

            var reason = track.GapReason;
            if (storeSeq is { } seq)
            {
                var target = track.Held.Count == 0 ? seq : Math.Max(seq, track.Held.Keys.Min() - 1);
                if (target > track.Last)
                {
                    SkipTo(track, target, reason);
                    return;
                }
            }

            foreach (var held in track.Held.Values)
            {
                DeliverInOrder(track, held);
            }

            track.Held.Clear();
            track.ExpectedUpTo = track.Last;
            track.GapSince = null;
            track.GapReason = GapReason;
        }
    }

    /// <summary>
    /// After pub/sub was interrupted or Redis was unavailable: if the store is ahead of what was delivered, the events
    /// in between are expected like any missing event — those still on their way are delivered when they arrive, and
    /// if they do not all arrive within the gap timeout, subscribers are told to re-read (a resync, reason
    /// <c>reconnect</c>).
    /// </summary>
    public void CatchUp(string code, long storeSeq)
    {
        var track = Find(code);
        if (track is null)
        {
            return;
        }

        lock (track)
        {
            if (track.Last > 0 && storeSeq > track.Last)
            {
                track.ExpectedUpTo = Math.Max(track.ExpectedUpTo, storeSeq);
                track.GapSince ??= time.GetUtcNow();
                track.GapReason = ReconnectReason;
            }
        }
    }

    /// <summary>
    /// Forgets sessions with nothing held that have been quiet for <paramref name="idle"/> (a session without events
    /// for its idle expiry has expired).
    /// </summary>
    public int Evict(TimeSpan idle)
    {
        var cutoff = time.GetUtcNow() - idle;
        var evicted = 0;
        lock (_tracksLock)
        {
            foreach (var track in _tracks.Values.ToList())
            {
                lock (track)
                {
                    if (track.Held.Count == 0 && track.LastSeen < cutoff && _tracks.Remove(track.Code))
                    {
                        track.Evicted = true;
                        evicted++;
                    }
                }
            }
        }

        return evicted;
    }

    private void SkipTo(Track track, long seq, string reason)
    {
        var from = track.Last;
        foreach (var stale in track.Held.Keys.Where(k => k <= seq).ToList())
        {
            track.Held.Remove(stale);
        }

        Interlocked.Increment(ref _resyncs);
        track.GapSince = null;
        track.GapReason = GapReason;
        DeliverInOrder(track, new GameEvent(EventTypes.SessionResync, track.Code, seq, time.GetUtcNow(), new SessionResync(from, seq, reason)));
        Drain(track);
    }

    private void Drain(Track track)
    {
        var progressed = false;
        while (track.Held.Remove(track.Last + 1, out var next))
        {
            DeliverInOrder(track, next);
            progressed = true;
        }

        // The timeout measures how long the seq now expected has been missing.
        var missing = track.Held.Count > 0 || track.Last < track.ExpectedUpTo;
        track.GapSince = !missing ? null : progressed ? time.GetUtcNow() : track.GapSince ?? time.GetUtcNow();
        if (!missing)
        {
            track.GapReason = GapReason;
        }
    }

    private void DeliverInOrder(Track track, GameEvent gameEvent)
    {
        track.Last = gameEvent.Seq;
        track.LastAt = gameEvent.At;
        deliver(gameEvent);
    }

    private Track TrackOf(string code)
    {
        lock (_tracksLock)
        {
            if (!_tracks.TryGetValue(code, out var track))
            {
                track = new Track(code);
                _tracks[code] = track;
            }

            return track;
        }
    }

    private Track? Find(string code)
    {
        lock (_tracksLock)
        {
            return _tracks.GetValueOrDefault(code);
        }
    }

    private List<Track> Snapshot()
    {
        lock (_tracksLock)
        {
            return [.. _tracks.Values];
        }
    }

    private sealed class Track(string code)
    {
        public string Code { get; } = code;

        /// <summary>The last seq delivered (0: none yet).</summary>
        public long Last { get; set; }

        /// <summary>A seq the store is known to have reached: the events up to it are expected.</summary>
        public long ExpectedUpTo { get; set; }

        /// <summary>What opened the current gap: <c>gap</c> (an event overtook another) or <c>reconnect</c>.</summary>
        public string GapReason { get; set; } = EventSequencer.GapReason;

        /// <summary>When the last delivered event happened.</summary>
        public DateTimeOffset LastAt { get; set; }

        public SortedDictionary<long, GameEvent> Held { get; } = [];

        /// <summary>When the current gap opened (progress restarts the clock).</summary>
        public DateTimeOffset? GapSince { get; set; }

        public DateTimeOffset LastSeen { get; set; }

        /// <summary>Set once the track left the table: an event that raced the eviction starts a new track.</summary>
        public bool Evicted { get; set; }
    }
}
