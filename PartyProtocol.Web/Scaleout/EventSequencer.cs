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

            if (storeSeq is { } seq)
            {
                SkipTo(track, Math.Max(seq, track.Held.Keys.Min() - 1), "gap");
                return;
            }

            foreach (var held in track.Held.Values)
            {
                DeliverInOrder(track, held);
            }

            track.Held.Clear();
            track.GapSince = null;
        }
    }

    /// <summary>After pub/sub was interrupted: if the store is ahead of what was delivered, tells subscribers to re-read.</summary>
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
                SkipTo(track, storeSeq, "reconnect");
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
        track.GapSince = track.Held.Count == 0 ? null : progressed ? time.GetUtcNow() : track.GapSince ?? time.GetUtcNow();
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
