using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Protection;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// Maps <see cref="GameHub"/> with an admission check in front of it: every request's <c>Origin</c> is checked, and a
/// negotiate, WebSocket or server-sent-events request that opens a connection is refused with problem+json before
/// SignalR accepts anything — 403 <c>origin_not_allowed</c>, 429 <c>rate_limited</c> (too many unknown room codes),
/// 429 <c>too_many_connections</c>, 400 without a code, 404 for an unknown code, 401/403 for a bad token — so clients
/// see why they cannot connect instead of a connection that closes at once. Each admitted connection then passes
/// through <see cref="GameHubConnection"/> before the hub's handshake, which counts it against the connection caps and
/// subscribes it to its session.
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
                // Long-polling polls and sends reuse an admitted connection; checking them again would only cost store reads.
                var opens = RealtimeAdmission.OpensConnection(context.Request);
                string? code = context.Request.Query["code"];
                if (!await RealtimeAdmission.AdmitAsync(context, string.IsNullOrWhiteSpace(code) ? null : code, opens,
                        sessionCapped: !Core.Audience.AudienceTokens.LooksLike(GameHub.TokenOf(context))))
                {
                    return;
                }

                if (opens)
                {
                    var games = context.RequestServices.GetRequiredService<GameService>();
                    var (audience, problem) = await SessionAudience.IdentifyAsync(games, code, GameHub.TokenOf(context), context.RequestAborted);
                    if (audience is null)
                    {
                        context.RequestServices.GetRequiredService<UnknownCodeGuard>().RecordIfMiss(ClientAddress.PartitionKey(context), problem);
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
}
