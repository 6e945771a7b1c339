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
    public static Dictionary<string, object> For(string code, string? playerId)
    {
        var fields = new Dictionary<string, object>(2, StringComparer.Ordinal) { [PartyTelemetry.RoomCode] = code };
        if (playerId is not null)
        {
            fields[PartyTelemetry.PlayerId] = playerId;
        }

        return fields;
    }
}
