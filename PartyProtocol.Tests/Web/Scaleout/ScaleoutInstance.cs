using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Realtime;
using PartyProtocol.Web.Scaleout;

namespace PartyProtocol.Tests.Web.Scaleout;

/// <summary>
/// One app instance in multi-instance mode: the real app on Kestrel, pointed at a Redis under a key prefix shared
/// with its sibling instances. Records every event its local bus delivers and every deadline it applies.
/// </summary>
public sealed class ScaleoutInstance : IAsyncDisposable
{
    private readonly List<GameEvent> _events = [];
    private readonly List<AppliedDeadline> _deadlines = [];
    private IDisposable? _recording;
    private bool _disposed;

    private ScaleoutInstance(PartyAppFactory app)
    {
        App = app;
    }

    public PartyAppFactory App { get; }

    public GameService Games => App.Services.GetRequiredService<GameService>();

    public GameEventBus Bus => App.Services.GetRequiredService<GameEventBus>();

    internal RedisEventBridge Bridge => App.Services.GetRequiredService<RedisEventBridge>();

    /// <summary>Starts an instance. Test-friendly timings: a generous gap timeout, so only a real loss resynchronises.</summary>
    public static ScaleoutInstance Start(string connectionString, string keyPrefix, IReadOnlyDictionary<string, string>? settings = null,
        Action<PartyAppFactory>? configure = null)
    {
        var app = new PartyAppFactory()
            .WithSetting("ConnectionStrings:Redis", connectionString)
            .WithSetting("Redis:KeyPrefix", keyPrefix)
            .WithSetting("Redis:GapTimeout", "00:00:05")
            .WithSetting("Redis:HeartbeatInterval", "00:00:01");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            app.WithSetting(key, value);
        }

        configure?.Invoke(app);
        var instance = new ScaleoutInstance(app);
        app.EnsureStarted();
        instance._recording = instance.Bus.SubscribeAll(e =>
        {
            lock (instance._events)
            {
                instance._events.Add(e);
            }
        });
        instance.Games.DeadlineApplied += (code, timerId) =>
        {
            lock (instance._deadlines)
            {
                instance._deadlines.Add(new AppliedDeadline(code, timerId, DateTimeOffset.UtcNow));
            }
        };
        return instance;
    }

    public static string NewKeyPrefix() => "pp-test-" + Guid.NewGuid().ToString("N")[..12] + ":";

    /// <summary>The events this instance's subscribers received for a session, in delivery order.</summary>
    public List<GameEvent> EventsOf(string code)
    {
        lock (_events)
        {
            return _events.Where(e => e.Code == code).ToList();
        }
    }

    public List<AppliedDeadline> DeadlinesOf(string code)
    {
        lock (_deadlines)
        {
            return _deadlines.Where(d => d.Code == code).ToList();
        }
    }

    /// <summary>Waits (bounded) until this instance has delivered an event matching <paramref name="match"/>.</summary>
    public async Task<GameEvent> WaitForEventAsync(string code, Func<GameEvent, bool> match, TimeSpan? timeout = null, string? what = null)
    {
        GameEvent? found = null;
        await Eventually.TrueAsync(() => (found = EventsOf(code).FirstOrDefault(match)) is not null,
            what ?? $"an event of {code} on this instance", timeout);
        return found!;
    }

    public async Task<CreatedSession> CreateBluffAsync(object settings)
    {
        var created = await Games.CreateSessionAsync(BluffCartridge.GameKey, TestEngine.Settings(settings));
        Assert.True(created.IsSuccess, created.Error?.Message);
        return created.Value!;
    }

    public async Task<JoinedPlayer> JoinAsync(string code, string name)
    {
        var joined = await Games.JoinAsync(code, name, null);
        Assert.True(joined.IsSuccess, joined.Error?.Message);
        return joined.Value!;
    }

    public async Task<SessionView> ViewAsync(string code, string? token = null)
    {
        var view = await Games.GetViewAsync(code, token);
        Assert.True(view.IsSuccess, view.Error?.Message);
        return view.Value!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _recording?.Dispose();
        await App.DisposeAsync();
    }

    public sealed record AppliedDeadline(string Code, long TimerId, DateTimeOffset At);
}

/// <summary>Reads event payloads the same way whether they were committed here (records) or bridged (JSON).</summary>
public static class EventData
{
    public static JsonElement Json(object data) =>
        data is JsonElement element ? element : JsonSerializer.SerializeToElement(data, GameJson.Options);
}

/// <summary>The availability gate a store built outside an app needs: Redis counts as available while connected.</summary>
internal static class TestAvailability
{
    public static RedisAvailability Of(StackExchange.Redis.IConnectionMultiplexer redis) =>
        new(redis, Microsoft.Extensions.Options.Options.Create(new RedisScaleoutOptions()), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<RedisAvailability>.Instance);
}
