using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Web.Telemetry;

/// <summary>
/// Every call on the game hub runs in a span and a log scope carrying the room code and player id; moves and owner
/// controls are timed into <c>partyprotocol.move.duration</c>; connections are counted by transport.
/// </summary>
internal sealed class HubTelemetryFilter(ILogger<HubTelemetryFilter> logger) : IHubFilter
{
    private const string CountedKey = "telemetry.counted";
    private static readonly KeyValuePair<string, object?> Transport = new("transport", "signalr");
    private static readonly HashSet<string> Commands = new(StringComparer.Ordinal)
    {
        nameof(GameHub.Move), nameof(GameHub.Play), nameof(GameHub.Pause), nameof(GameHub.Exit), nameof(GameHub.RemovePlayer),
    };

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var audience = GameHubConnection.Find(invocationContext.Context)?.Audience;
        using var scope = BeginScope(audience);
        var method = invocationContext.HubMethodName;
        using var activity = PartyTelemetry.Source.StartActivity("hub " + method, ActivityKind.Server);
        Tag(activity, audience);
        var started = Stopwatch.GetTimestamp();
        var result = await next(invocationContext);
        if (Commands.Contains(method))
        {
            var move = method == nameof(GameHub.Move) && invocationContext.HubMethodArguments.Count > 0 && invocationContext.HubMethodArguments[0] is string name
                ? name
                : method.ToLowerInvariant();
            var outcome = result is HubReply { Ok: false, Error: { } error } ? error.Code : "ok";
            PartyTelemetry.RecordMove("signalr", move, started, outcome);
            if (outcome != "ok")
            {
                activity?.SetTag("partyprotocol.refusal", outcome);
            }
        }

        return result;
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        var audience = GameHubConnection.Find(context.Context)?.Audience;
        using var scope = BeginScope(audience);
        PartyTelemetry.Connections.Add(1, Transport);
        context.Context.Items[CountedKey] = true;
        logger.LogDebug("Hub connection {ConnectionId} opened.", context.Context.ConnectionId);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (context.Context.Items.Remove(CountedKey))
            {
                PartyTelemetry.Connections.Add(-1, Transport);
            }
        }
    }

    private IDisposable? BeginScope(SessionAudience? audience) => audience is null
        ? null
        : logger.BeginScope(TelemetryScopes.For(audience.Code, audience.PlayerId));

    private static void Tag(Activity? activity, SessionAudience? audience)
    {
        if (activity is not null && audience is not null)
        {
            activity.SetTag("partyprotocol.room_code", audience.Code);
            activity.SetTag("partyprotocol.player_id", audience.PlayerId);
        }
    }
}

/// <summary>The structured fields of a log scope for one room (and player).</summary>
internal static class TelemetryScopes
{
    public static RoomScope For(string code, string? playerId) => new(code, playerId);
}

/// <summary>
/// A log scope's fields, <c>RoomCode</c> and, for a player, <c>PlayerId</c>: read by the logging providers as key/value
/// pairs, printed as <c>RoomCode:ABCD PlayerId:p1</c>. A scope lives as long as its request, and a WebSocket's request
/// as long as the connection, so it is kept small: a dictionary was 176 bytes more on each of 10,000 audience sockets.
/// </summary>
internal sealed class RoomScope(string code, string? playerId) : IReadOnlyList<KeyValuePair<string, object>>
{
    public int Count => playerId is null ? 1 : 2;

    public KeyValuePair<string, object> this[int index] => index switch
    {
        0 => new(PartyTelemetry.RoomCode, code),
        1 when playerId is not null => new(PartyTelemetry.PlayerId, playerId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        playerId is null ? $"{PartyTelemetry.RoomCode}:{code}" : $"{PartyTelemetry.RoomCode}:{code} {PartyTelemetry.PlayerId}:{playerId}";
}
