using System.Diagnostics;
using System.Diagnostics.Metrics;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Web.Telemetry;

/// <summary>
/// PartyProtocol's own metrics and traces: one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named
/// <see cref="Name"/>. Recording costs next to nothing until a listener (OpenTelemetry, dotnet-counters, a test)
/// subscribes. Attributes are low-cardinality (game, transport, move, outcome); room codes and player ids go to
/// traces and log scopes only, never to metrics.
/// </summary>
public static class PartyTelemetry
{
    public const string Name = "PartyProtocol";

    /// <summary>Log scope and span attribute names.</summary>
    public const string RoomCode = "RoomCode";
    public const string PlayerId = "PlayerId";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> SessionsCreated = Meter.CreateCounter<long>(
        "partyprotocol.sessions.created", "{session}", "Sessions created on this instance, by game.");

    public static readonly UpDownCounter<long> Connections = Meter.CreateUpDownCounter<long>(
        "partyprotocol.connections", "{connection}", "Open real-time connections on this instance, by transport (blazor, signalr, websocket).");

    public static readonly Counter<long> EventsPublished = Meter.CreateCounter<long>(
        "partyprotocol.events.published", "{event}", "Game events committed on this instance, by type.");

    public static readonly Counter<long> EventsDelivered = Meter.CreateCounter<long>(
        "partyprotocol.events.delivered", "{event}", "Game events delivered to this instance's subscribers, by origin (local or remote).");

    public static readonly Histogram<double> MoveDuration = Meter.CreateHistogram<double>(
        "partyprotocol.move.duration", "s", "Time to decide, commit and publish a move, by move, transport and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    public static readonly Histogram<double> DeadlineLateness = Meter.CreateHistogram<double>(
        "partyprotocol.deadline.lateness", "s", "How long after its due time a phase deadline was handled.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    public static readonly Histogram<double> StoreDuration = Meter.CreateHistogram<double>(
        "partyprotocol.store.duration", "s", "Round trips to the session store (Redis in multi-instance mode), by operation and store.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1] });

    public static readonly Counter<long> StoreFailures = Meter.CreateCounter<long>(
        "partyprotocol.store.failures", "{failure}", "Session store calls that failed because the store (Redis) was unreachable, by operation and store.");

    public static readonly Counter<long> RedisEventsFailed = Meter.CreateCounter<long>(
        "partyprotocol.redis.events.failed", "{event}", "Events this instance could not send to the other instances because Redis was unreachable.");

    public static readonly Counter<long> RateLimitRefusals = Meter.CreateCounter<long>(
        "partyprotocol.rate_limit.refusals", "{request}", "Requests refused by a rate limit (429), by policy.");

    /// <summary>Live sessions and their players as this instance knows them; <see cref="SessionCensus"/> feeds them.</summary>
    internal static Meter SharedMeter => Meter;

    /// <summary>Times a move a screen makes through its Blazor circuit (the REST and hub moves are timed by filters).</summary>
    public static async Task<Result<MoveReply>> TimeMoveAsync(string move, Func<Task<Result<MoveReply>>> call)
    {
        using var activity = Source.StartActivity("move " + move, ActivityKind.Internal);
        var started = Stopwatch.GetTimestamp();
        var result = await call();
        RecordMove("blazor", move, started, result.IsSuccess ? "ok" : result.Error.Code);
        return result;
    }

    /// <summary>Records a move's duration and outcome ("ok" or the refusal's code).</summary>
    public static void RecordMove(string transport, string move, long startedTimestamp, string outcome) =>
        MoveDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("transport", transport),
            new KeyValuePair<string, object?>("move", move),
            new KeyValuePair<string, object?>("outcome", outcome));
}
