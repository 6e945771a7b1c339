using System.Globalization;
using Microsoft.Extensions.Options;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Realtime;
using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>
/// Presence across instances. Each instance writes its connection count per player into the session's presence hash
/// and keeps a heartbeat in <see cref="RedisKeys.Instances"/>; a player counts as connected while any instance with a
/// fresh heartbeat (three intervals) holds one of their connections. When an instance dies, the first instance to
/// notice its stale heartbeat claims it and marks its players disconnected unless they are connected elsewhere, so a
/// phase waiting on "every connected player" does not wait for phones that went down with it. The heartbeat loop
/// survives every fault (<see cref="BackgroundLoop"/>).
/// </summary>
internal sealed class RedisPresence : BackgroundService, IClusterPresence
{
    private const int ClaimBatch = 16;

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeys _keys;
    private readonly string _instanceId;
    private readonly IServiceProvider _services;
    private readonly TimeSpan _heartbeat;
    private readonly TimeSpan _ttl;
    private readonly RedisAvailability _availability;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisPresence> _logger;

    public RedisPresence(IConnectionMultiplexer redis, RedisKeys keys, GameEventBus bus, IServiceProvider services, RedisAvailability availability,
        TimeProvider time, IOptions<RedisScaleoutOptions> options, IOptions<GameSessionOptions> sessions, ILogger<RedisPresence> logger)
    {
        _availability = availability;
        _time = time;
        Pulse = new LoopPulse("The presence heartbeat", time);
        _redis = redis;
        _keys = keys;
        _instanceId = bus.InstanceId;
        _services = services;
        _heartbeat = options.Value.HeartbeatInterval;
        _ttl = sessions.Value.IdleExpiry;
        _logger = logger;
    }

    private string StaleMilliseconds => Text((long)(3 * _heartbeat).TotalMilliseconds);

    public LoopPulse Pulse { get; }

    public TimeSpan Heartbeat => _heartbeat;

    public async Task<bool> ReportAsync(string code, string playerId, int localConnections)
    {
        var result = await _availability.RunAsync(() => _redis.GetDatabase().ScriptEvaluateAsync(RedisScripts.ReportPresence,
            [_keys.Presence(code), _keys.Instances, _keys.InstancePresence(_instanceId)],
            [playerId, _instanceId, Text(localConnections), Text((long)_ttl.TotalMilliseconds), StaleMilliseconds, code]));
        return (long)result == 1;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        BackgroundLoop.RunAsync(Pulse, async _ =>
        {
            await BeatAsync();
            return _heartbeat;
        }, null, _heartbeat, _time, _logger, stoppingToken);

    private async Task BeatAsync()
    {
        var db = _redis.GetDatabase();
        var dead = (RedisResult[])(await _availability.RunAsync(() => db.ScriptEvaluateAsync(RedisScripts.Heartbeat, [_keys.Instances],
            [_instanceId, StaleMilliseconds, Text(ClaimBatch)])))!;
        foreach (var instance in dead.Select(d => (string)d!))
        {
            try
            {
                await ClearAsync(db, instance);
            }
            catch
            {
                // Put the claim back (as long dead), so the next heartbeat of some instance finishes the job.
                await _availability.RunAsync(() => db.SortedSetAddAsync(_keys.Instances, instance, 0));
                throw;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // Leaving on purpose (a rolling upgrade): let the others release this instance's players at once.
            await _availability.RunAsync(() => _redis.GetDatabase().SortedSetAddAsync(_keys.Instances, _instanceId, 0));
        }
        catch (SessionStoreUnavailableException)
        {
            _logger.LogDebug("Could not sign off: Redis is unavailable.");
        }
    }

    private async Task ClearAsync(IDatabase db, string deadInstance)
    {
        var games = _services.GetRequiredService<GameService>();
        var entries = await _availability.RunAsync(() => db.SetMembersAsync(_keys.InstancePresence(deadInstance)));
        _logger.LogWarning("Instance {Instance} stopped sending heartbeats; releasing its {Count} player connections.", deadInstance, entries.Length);
        foreach (var entry in entries.Select(e => e.ToString()))
        {
            var separator = entry.IndexOf('|', StringComparison.Ordinal);
            var (code, playerId) = (entry[..separator], entry[(separator + 1)..]);
            var stillConnected = (long)await _availability.RunAsync(() => db.ScriptEvaluateAsync(RedisScripts.DropPresence, [_keys.Presence(code), _keys.Instances],
                [playerId, deadInstance, StaleMilliseconds])) == 1;
            if (!stillConnected)
            {
                var result = await games.SetConnectedAsync(code, playerId, connected: false);
                if (!result.IsSuccess && result.Error.Code is not (ErrorCodes.SessionNotFound or ErrorCodes.PlayerNotFound))
                {
                    _logger.LogWarning("Could not mark {PlayerId} of {Code} disconnected: {Error}", playerId, code, result.Error.Message);
                }
            }
        }

        await _availability.RunAsync(() => db.KeyDeleteAsync(_keys.InstancePresence(deadInstance)));
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
