using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace PartyProtocol.Core.Events;

/// <summary>
/// The in-process publish/subscribe hub for game events. Screens and transports subscribe per session; in
/// multi-instance mode a bridge becomes the bus's relay (<see cref="UseRelay"/>): it forwards the events that
/// originated here (<see cref="GameEvent.Origin"/> = <see cref="InstanceId"/>) to the other instances and delivers
/// local and remote events alike in seq order per session.
/// Handlers run synchronously, in publish order, on the publishing thread: they must hand work off, not block.
/// With a relay, an event may instead be delivered a moment later, on the thread that completes its session's seq
/// order.
/// </summary>
public sealed class GameEventBus
{
    private readonly ConcurrentDictionary<string, ImmutableArray<Subscription>> _bySession = new(StringComparer.Ordinal);
    private ImmutableArray<Subscription> _all = [];
    private Action<GameEvent>? _relay;

    public GameEventBus(string? instanceId = null)
    {
        InstanceId = instanceId ?? Guid.NewGuid().ToString("N");
    }

    /// <summary>Identifies this process among instances.</summary>
    public string InstanceId { get; }

    /// <summary>Called when a handler throws; the event still reaches every other handler.</summary>
    public Action<Exception, GameEvent>? OnHandlerError { get; set; }

    /// <summary>The sessions that have at least one per-session subscription now (a snapshot).</summary>
    public IReadOnlyCollection<string> SubscribedSessions => [.. _bySession.Keys];

    /// <summary>Number of live per-session subscriptions (for diagnostics and tests).</summary>
    public int SubscriptionCount(string code) => _bySession.TryGetValue(code, out var subs) ? subs.Length : 0;

    /// <summary>
    /// Multi-instance mode: every <see cref="Publish"/> goes to <paramref name="relay"/> instead, which forwards this
    /// instance's events to the others and calls <see cref="Deliver"/> once per event — local and remote alike — in
    /// seq order per session. An event committed here can then never overtake an earlier one still on its way from
    /// another instance. Null restores direct delivery.
    /// </summary>
    public void UseRelay(Action<GameEvent>? relay) => Volatile.Write(ref _relay, relay);

    /// <summary>Publishes an event: delivers it now, or hands it to the relay in multi-instance mode.</summary>
    public void Publish(GameEvent gameEvent)
    {
        ArgumentNullException.ThrowIfNull(gameEvent);
        if (Volatile.Read(ref _relay) is { } relay)
        {
            relay(gameEvent);
            return;
        }

        Deliver(gameEvent);
    }

    /// <summary>Delivers an event to the session's subscribers and to every global subscriber, bypassing the relay.</summary>
    public void Deliver(GameEvent gameEvent)
    {
        ArgumentNullException.ThrowIfNull(gameEvent);
        if (_bySession.TryGetValue(gameEvent.Code, out var subs))
        {
            foreach (var sub in subs)
            {
                Invoke(sub, gameEvent);
            }
        }

        foreach (var sub in _all)
        {
            Invoke(sub, gameEvent);
        }
    }

    /// <summary>Subscribes to one session's events until the returned handle is disposed.</summary>
    public IDisposable Subscribe(string code, Action<GameEvent> handler)
    {
        var sub = new Subscription(handler, this, code);
        _bySession.AddOrUpdate(code, _ => [sub], (_, existing) => existing.Add(sub));
        return sub;
    }

    /// <summary>Subscribes to every session's events (transports and bridges).</summary>
    public IDisposable SubscribeAll(Action<GameEvent> handler)
    {
        var sub = new Subscription(handler, this, null);
        ImmutableInterlocked.Update(ref _all, list => list.Add(sub));
        return sub;
    }

    private void Invoke(Subscription sub, GameEvent gameEvent)
    {
        try
        {
            sub.Handler(gameEvent);
        }
        catch (Exception ex)
        {
            OnHandlerError?.Invoke(ex, gameEvent);
        }
    }

    private void Remove(Subscription sub)
    {
        if (sub.Code is null)
        {
            ImmutableInterlocked.Update(ref _all, list => list.Remove(sub));
            return;
        }

        while (_bySession.TryGetValue(sub.Code, out var existing))
        {
            var updated = existing.Remove(sub);
            if (updated.Length == 0
                ? _bySession.TryRemove(new KeyValuePair<string, ImmutableArray<Subscription>>(sub.Code, existing))
                : _bySession.TryUpdate(sub.Code, updated, existing))
            {
                return;
            }
        }
    }

    private sealed class Subscription(Action<GameEvent> handler, GameEventBus bus, string? code) : IDisposable
    {
        private int _disposed;

        public Action<GameEvent> Handler { get; } = handler;

        public string? Code { get; } = code;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                bus.Remove(this);
            }
        }
    }
}
