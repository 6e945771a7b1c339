using Microsoft.AspNetCore.Http.Connections;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// Maps <see cref="GameHub"/> with an admission check in front of it: a negotiate or WebSocket request with a missing
/// or unknown code or a bad token is answered with a problem+json 400/401/403/404 before SignalR accepts anything,
/// so clients see why they cannot connect instead of a connection that closes at once.
/// </summary>
public static class GameHubEndpoint
{
    public static HubEndpointConventionBuilder MapGameHub(this IEndpointRouteBuilder endpoints)
    {
        var hub = endpoints.MapHub<GameHub>(GameHub.Path, options => options.Transports =
            HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling);
        hub.Add(endpoint =>
        {
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
