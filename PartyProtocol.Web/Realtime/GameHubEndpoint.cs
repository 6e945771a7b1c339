using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// Maps <see cref="GameHub"/> with an admission check in front of it: a negotiate or WebSocket request with a missing
/// or unknown code or a bad token is answered with a problem+json 400/401/403/404 before SignalR accepts anything,
/// so clients see why they cannot connect instead of a connection that closes at once. Each admitted connection then
/// passes through <see cref="GameHubConnection"/> before the hub's handshake, which subscribes it to its session.
/// </summary>
public static class GameHubEndpoint
{
    public static IEndpointConventionBuilder MapGameHub(this IEndpointRouteBuilder endpoints)
    {
        // MapHub, with one step in the connection's pipeline before the hub (and so before the handshake).
        var hub = endpoints.MapConnections(GameHub.Path, new HttpConnectionDispatcherOptions
        {
            Transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling,
        }, connection => connection
            .Use(next => context => GameHubConnection.RunAsync(context, next, connection.ApplicationServices))
            .UseHub<GameHub>());
        hub.Add(endpoint =>
        {
            endpoint.Metadata.Add(new HubMetadata(typeof(GameHub)));
            var next = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = async context =>
            {
                if (OpensConnection(context.Request))
                {
                    var games = context.RequestServices.GetRequiredService<GameService>();
                    var (audience, problem) = await SessionAudience.IdentifyAsync(games, context.Request.Query["code"],
                        GameHub.TokenOf(context), context.RequestAborted);
                    if (audience is null)
                    {
                        await problem!.WriteAsync(context);
                        return;
                    }

                    context.Items[GameHubConnection.AudienceItem] = audience;
                }

                await next(context);
            };
        });
        return hub;
    }

    // Long-polling polls and sends reuse an admitted connection; checking them again would only cost store reads.
    private static bool OpensConnection(HttpRequest request) =>
        request.Path.Value?.EndsWith("/negotiate", StringComparison.OrdinalIgnoreCase) == true
        || string.Equals(request.Headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase)
        || request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);
}
