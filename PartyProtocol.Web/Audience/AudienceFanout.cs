using System.Collections.Concurrent;
using PartyProtocol.Core.Events;
using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Web.Audience;

/// <summary>
/// How events reach the audience's connections on this instance: through one subscription to the
/// <see cref="GameEventBus"/> per session, however many members listen, with the members' sends on threads of the
/// audience's own.
/// <para>
/// Subscribed one by one, 10,000 members made every event 10,000 hand-offs on the publishing thread — a player's
/// request, which answered only after them — and 10,000 send loops woken on the thread pool, queued ahead of every
/// player's move that came after them. Here the publisher queues the event once; one thread-pool item per burst of
/// events hands each to every member, in the order the session published them, and the members' send loops — and their
/// WebSockets' receive loops, where their votes are made — run on the audience's threads (<see cref="SwitchTo"/>), so
/// the thread pool stays free for the players, the screens and Kestrel's I/O. The hand-off is not on the audience's threads: there it would wait behind the sends of the event
/// before, and delivery to a big audience would be one thread's work.
/// </para>
/// </summary>
internal sealed class AudienceFanout(GameEventBus bus, int threads, int niceness = 0) : IDisposable
{
    private readonly GameEventBus _bus = bus;
    private readonly DedicatedThreadScheduler _threads = new("audience-send", threads, niceness);
    private readonly ConcurrentDictionary<string, Group> _groups = new(StringComparer.Ordinal);

    /// <summary>
    /// How many threads send for the audience: one per core. They run below the players' work
    /// (<see cref="AudienceOptions.SenderNiceness"/>), so they take only the cores the players leave idle; since Kestrel
    /// writes inline, every frame's socket write is their work, and one thread could not keep up with 10,000 members.
    /// </summary>
    public static int DefaultThreads => Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// Hands one member every event of the session published from now on, in order and off the publisher's thread, until
    /// the returned handle is disposed. Called before the member's connection is accepted, as a bus subscription would be.
    /// </summary>
    public IDisposable Subscribe(string code, Action<GameEvent> handler)
    {
        while (true)
        {
            var group = _groups.GetOrAdd(code, static (key, fanout) => new Group(fanout, key), this);
            if (group.TryAdd(handler) is { } member)
            {
                return member;
            }

            // Its last member left just now and it let go of the bus: a new group takes over.
            _groups.TryRemove(new KeyValuePair<string, Group>(code, group));
        }
    }

    /// <summary>Moves a member's send or receive loop to the audience's threads: it and every later await of it run there.</summary>
    public DedicatedThreadScheduler.SwitchAwaitable SwitchTo() => _threads.SwitchTo();

    public void Dispose() => _threads.Dispose();

    /// <summary>One session's audience on this instance.</summary>
    private sealed class Group(AudienceFanout fanout, string code)
    {
        private readonly Lock _gate = new();
        private readonly Queue<(long Index, GameEvent Event)> _pending = new();
        private Member[] _members = [];
        private IDisposable? _subscription;
        private long _published;
        private bool _pumping;
        private bool _closed;

        public Member? TryAdd(Action<GameEvent> handler)
        {
            lock (_gate)
            {
                if (_closed)
                {
                    return null;
                }

                // Events queued before it joined are not its: it gets what is published from now on, as from the bus.
                var member = new Member(this, handler, _published);
                _members = [.. _members, member];
                _subscription ??= fanout._bus.Subscribe(code, OnEvent);
                return member;
            }
        }

        public void Remove(Member member)
        {
            IDisposable? subscription = null;
            lock (_gate)
            {
                _members = Array.FindAll(_members, m => !ReferenceEquals(m, member));
                if (_members.Length == 0)
                {
                    _closed = true;
                    subscription = _subscription;
                    _subscription = null;
                    _pending.Clear();
                }
            }

            if (subscription is not null)
            {
                subscription.Dispose();
                fanout._groups.TryRemove(new KeyValuePair<string, Group>(code, this));
            }
        }

        // On the publishing thread: queue the event once and make sure a pump is running on the thread pool.
        private void OnEvent(GameEvent gameEvent)
        {
            lock (_gate)
            {
                if (_closed)
                {
                    return;
                }

                _pending.Enqueue((++_published, gameEvent));
                if (_pumping)
                {
                    return;
                }

                _pumping = true;
            }

            // In the pool's common queue: taken up next by the publishing thread (preferLocal) it held up that thread's next
            // request, and the players' p99 rose (REST 284–325 against 210–231 ms with 10,000 members).
            ThreadPool.UnsafeQueueUserWorkItem(static group => group.Pump(), this, preferLocal: false);
        }

        private void Pump()
        {
            while (true)
            {
                long index;
                GameEvent gameEvent;
                Member[] members;
                lock (_gate)
                {
                    if (!_pending.TryDequeue(out var next))
                    {
                        _pumping = false;
                        return;
                    }

                    (index, gameEvent) = next;
                    members = _members;
                }

                foreach (var member in members)
                {
                    if (member.JoinedAfter >= index)
                    {
                        continue;
                    }

                    try
                    {
                        member.Handler(gameEvent);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // As the bus does for its own subscribers: one member's fault is reported, the others still get the event.
                        fanout._bus.OnHandlerError?.Invoke(ex, gameEvent);
                    }
                }
            }
        }
    }

    private sealed class Member(Group group, Action<GameEvent> handler, long joinedAfter) : IDisposable
    {
        private int _disposed;

        public Action<GameEvent> Handler => handler;

        /// <summary>The index of the last event its group had queued when it joined.</summary>
        public long JoinedAfter => joinedAfter;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                group.Remove(this);
            }
        }
    }
}
