using PartyProtocol.Core.Audience;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Sessions;
using Microsoft.Extensions.Options;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Api;
using PartyProtocol.Web.Audience;
using PartyProtocol.Web.Protection;
using PartyProtocol.Web.Telemetry;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// The plain WebSocket at <c>/ws/game/{code}/</c> for clients without SignalR: <c>?session_token=</c> for a player
/// (the owner token is accepted too), <c>?role=host</c> for the host screen. Refusals are HTTP problems before the
/// upgrade (401, 403, 404, 403 <c>origin_not_allowed</c>, 429 <c>rate_limited</c> or <c>too_many_connections</c>);
/// after it the server sends event envelopes, pongs and the replies to moves sent over it, as JSON text frames, uncompressed unless
/// <see cref="RealtimeOptions.WebSocketCompression"/> is on.
/// </summary>
public static class GameSocketEndpoint
{
    public const string Pattern = "/ws/game/{code}/";

    /// <summary>How often the server pings an idle socket, and how long it waits for the answer before dropping it.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(30);

    public static IEndpointConventionBuilder MapGameWebSocket(this IEndpointRouteBuilder endpoints)
    {
        // The WebSocket middleware lives on this endpoint alone, as SignalR does for its hubs.
        var pipeline = endpoints.CreateApplicationBuilder()
            .UseWebSockets(new WebSocketOptions { KeepAliveInterval = KeepAliveInterval, KeepAliveTimeout = KeepAliveTimeout });
        pipeline.Run(AcceptAsync);
        return endpoints.Map(Pattern, pipeline.Build()).WithDisplayName("Game WebSocket").ExcludeFromDescription();
    }

    private static async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ApiProblem.Create(StatusCodes.Status400BadRequest, ApiErrorCodes.WebSocketRequired,
                "This address speaks WebSocket only: connect with ws://.../ws/game/{code}/?session_token=... or ?role=host.").WriteAsync(context);
            return;
        }

        var services = context.RequestServices;
        var games = services.GetRequiredService<GameService>();
        var code = context.GetRouteValue("code") as string;
        var token = context.Request.Query["session_token"].ToString();
        if (!await RealtimeAdmission.AdmitAsync(context, code, opensConnection: true, sessionCapped: !AudienceTokens.LooksLike(token)))
        {
            return;
        }

        var isHost = string.Equals(context.Request.Query["role"], "host", StringComparison.OrdinalIgnoreCase);
        if (token.Length == 0 && !isHost)
        {
            await ApiProblem.Create(StatusCodes.Status401Unauthorized, Core.Engine.ErrorCodes.Unauthorized,
                "Connect with ?session_token=<your player token>, or ?role=host for the big screen.").WriteAsync(context);
            return;
        }

        var client = ClientAddress.PartitionKey(context);
        var (audience, problem) = await SessionAudience.IdentifyAsync(games, code, token.Length == 0 ? null : token, context.RequestAborted);
        if (audience is null)
        {
            services.GetRequiredService<UnknownCodeGuard>().RecordIfMiss(client, problem);
            await problem!.WriteAsync(context);
            return;
        }

        var (lease, refused) = services.GetRequiredService<ConnectionLimiter>().TryAcquire(client, audience.SessionCapped ? audience.Code : null);
        if (lease is null)
        {
            await refused!.WriteAsync(context);
            return;
        }

        using var counted = lease;
        var logger = services.GetRequiredService<ILogger<GameSocketConnection>>();
        // The request's scope has the room code already (HttpTelemetry); a player's connection adds who it is. One scope
        // less on each of 10,000 audience sockets is ~0.4 KB less each for as long as they are open.
        using var scope = audience.PlayerId is { } player ? logger.BeginScope(TelemetryScopes.For(audience.Code, player)) : null;
        var connection = new GameSocketConnection(audience, services.GetRequiredService<GameEventBus>(),
            services.GetRequiredService<PresenceTracker>(), services.GetRequiredService<RealtimeMoves>(), logger)
        {
            Compression = services.GetRequiredService<IOptions<RealtimeOptions>>().Value.WebSocketCompression,
            Fanout = audience.Viewer.Kind == ViewerKind.Audience ? services.GetRequiredService<AudienceFanout>() : null,
        };
        PartyTelemetry.Connections.Add(1, new KeyValuePair<string, object?>("transport", "websocket"));
        logger.LogDebug("Game WebSocket opened.");
        try
        {
            await connection.RunAsync(context, services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        }
        finally
        {
            PartyTelemetry.Connections.Add(-1, new KeyValuePair<string, object?>("transport", "websocket"));
            logger.LogDebug("Game WebSocket closed.");
        }
    }
}
