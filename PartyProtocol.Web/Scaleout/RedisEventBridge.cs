using System.Text.Json;
using Microsoft.Extensions.Options;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Telemetry;
using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>
/// Bridges the in-process <see cref="GameEventBus"/> across instances. It becomes the bus's relay: an event
/// committed here goes out on a Redis channel and, like every event arriving from another instance, through one
/// <see cref="EventSequencer"/> that delivers each session's events to this instance's subscribers exactly once
/// and in seq order. Own echoes are ignored. Pub/sub is at-most-once: a gap that does not fill in time, or a
/// session the store moved past while the subscription or Redis was away, ends in a local
/// <see cref="EventTypes.SessionResync"/> event. Its loop survives every fault (<see cref="BackgroundLoop"/>).
/// </summary>
internal sealed class RedisEventBridge : BackgroundService
{
    private static readonly TimeSpan GapCheckInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan EvictInterval = TimeSpan.FromMinutes(1);

    private readonly IConnectionMultiplexer _redis;
    private readonly GameEventBus _bus;
    private readonly RedisSessionStore _store;
    private readonly RedisKeys _keys;
    private readonly TimeProvider _time;
    private readonly GameSessionOptions _sessions;
    private readonly ILogger<RedisEventBridge> _logger;
    private readonly RedisAvailability _availability;
    private readonly EventSequencer _sequencer;
    private readonly ResilientSubscription _subscription;
    private long _published;
    private long _received;

    public RedisEventBridge(IConnectionMultiplexer redis, GameEventBus bus, RedisSessionStore store, RedisKeys keys, RedisAvailability availability,
        IOptions<RedisScaleoutOptions> options, IOptions<GameSessionOptions> sessions, TimeProvider time, ILogger<RedisEventBridge> logger)
    {
        _availability = availability;
        _redis = redis;
        _bus = bus;
        _store = store;
        _keys = keys;
        _time = time;
        _sessions = sessions.Value;
        _logger = logger;
        _sequencer = new EventSequencer(bus.Deliver, time, options.Value.GapTimeout);
        _subscription = new ResilientSubscription(redis, availability, keys.Events, bus.InstanceId, OnMessageAsync, CatchUpAsync,
            options.Value.HeartbeatInterval, time, logger);
        Pulse = new LoopPulse("The event bridge", time);
    }

    public LoopPulse Pulse { get; }

    /// <summary>The events subscription.</summary>
    public ResilientSubscription Subscription => _subscription;

    /// <summary>Events this instance sent to the others.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Events that arrived from other instances (before ordering and de-duplication).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Events that overtook an earlier one on the way and were held back for it.</summary>
    public long Reordered => _sequencer.Held;

    /// <summary>Resync events delivered because events were lost between instances.</summary>
    public long Resyncs => _sequencer.Resyncs;

    /// <summary>How many times the events channel was subscribed (more than 1 after a recovery).</summary>
    public int Subscriptions => _subscription.Subscriptions;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _bus.UseRelay(Relay);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _bus.UseRelay(null);
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscription = _subscription.RunAsync(stoppingToken);
        var nextEviction = _time.GetUtcNow() + EvictInterval;
        await BackgroundLoop.RunAsync(Pulse, async _ =>
        {
            await CloseOverdueGapsAsync();
            if (_time.GetUtcNow() >= nextEviction)
            {
                nextEviction = _time.GetUtcNow() + EvictInterval;
                _sequencer.Evict(_sessions.IdleExpiry);
            }

            return GapCheckInterval;
        }, null, TimeSpan.FromSeconds(1), _time, _logger, stoppingToken);
        await subscription;
    }

    private void Relay(GameEvent gameEvent)
    {
        if (gameEvent.Origin != _bus.InstanceId)
        {
            // Not committed here (a local-only notice): nothing to order against, nothing to forward.
            _bus.Deliver(gameEvent);
            return;
        }

        Forward(gameEvent);
        _sequencer.Accept(gameEvent);
    }

    private void Forward(GameEvent gameEvent)
    {
        var message = new BridgedEvent(gameEvent.Origin!, gameEvent.Type, gameEvent.Code, gameEvent.Seq, gameEvent.At, gameEvent.Data, gameEvent.PerPlayer)
        {
            TraceParent = TraceContext.Current(),
        };
        if (!_availability.IsAvailable)
        {
            NotForwarded(gameEvent);
            return;
        }

        try
        {
            // Fire-and-forget keeps the committing thread free; commands on one connection keep their order, and the
            // game service publishes a session's events in seq order.
            _redis.GetSubscriber().Publish(_keys.Events, JsonSerializer.SerializeToUtf8Bytes(message, GameJson.Options), CommandFlags.FireAndForget);
            Interlocked.Increment(ref _published);
        }
        catch (Exception ex) when (RedisFaults.IsUnavailable(ex))
        {
            NotForwarded(gameEvent);
        }
    }

    // The other instances notice the gap at the session's next event, or catch up when Redis answers again.
    private void NotForwarded(GameEvent gameEvent)
    {
        PartyTelemetry.RedisEventsFailed.Add(1);
        _logger.LogWarning("Event {Type} #{Seq} of {Code} not sent to other instances: Redis is unavailable.", gameEvent.Type, gameEvent.Seq, gameEvent.Code);
    }

    private Task OnMessageAsync(RedisValue value)
    {
        BridgedEvent? message;
        try
        {
            message = JsonSerializer.Deserialize<BridgedEvent>((ReadOnlySpan<byte>)(byte[])value!, GameJson.Options);
        }
        catch (JsonException ex)
        {
            _logger.LogWarning("An unreadable message on {Channel} was ignored: {Error}", _keys.Events, ex.Message);
            return Task.CompletedTask;
        }

        if (message is null || message.Origin == _bus.InstanceId)
        {
            return Task.CompletedTask;
        }

        Interlocked.Increment(ref _received);
        // The move that caused it, on whichever instance, and its delivery here are one trace.
        using var activity = TraceContext.StartReceive("event receive", message.TraceParent);
        activity?.SetTag("partyprotocol.room_code", message.Code);
        activity?.SetTag("partyprotocol.event.type", message.Type);
        activity?.SetTag("partyprotocol.event.seq", message.Seq);
        _sequencer.Accept(new GameEvent(message.Type, message.Code, message.Seq, message.At, message.Data)
        {
            PerPlayer = message.PerPlayer,
            Origin = message.Origin,
        });
        return Task.CompletedTask;
    }

    private async Task CloseOverdueGapsAsync()
    {
        foreach (var code in _sequencer.OverdueGaps())
        {
            try
            {
                var seq = await _store.GetSeqAsync(code);
                _logger.LogWarning("Events of {Code} were lost between instances; resynchronising at seq {Seq}.", code, seq);
                _sequencer.CloseGap(code, seq);
            }
            catch (SessionStoreUnavailableException)
            {
                // Held until Redis answers again; the subscribers keep their last consistent state meanwhile.
            }
        }
    }

    // Whatever was published while the subscription or Redis was away may be lost: sessions the store has moved past
    // expect the missing events for a gap timeout, then get a resync.
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        foreach (var (code, _) in _sequencer.Positions())
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            // Unavailable again: the subscription tries the whole catch-up again later.
            if (await _store.GetSeqAsync(code) is { } seq)
            {
                _sequencer.CatchUp(code, seq);
            }
        }
    }

    /// <summary>
    /// The wire shape between instances: the event with every payload, the instance that committed it and, when the
    /// commit was traced, its W3C traceparent.
    /// </summary>
    private sealed record BridgedEvent(string Origin, string Type, string Code, long Seq, DateTimeOffset At, object Data,
        IReadOnlyDictionary<string, object>? PerPlayer)
    {
        public string? TraceParent { get; init; }
    }
}
