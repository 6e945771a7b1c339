using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;
using PartyProtocol.Web.Protection;
using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Web.Composition;

/// <summary>Real-time push: the SignalR hub, the plain WebSocket, and the notice of sessions that ended by themselves.</summary>
public static class RealtimeServiceCollectionExtensions
{
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddSignalR()
            .AddJsonProtocol(options => GameJsonConfiguration.ApplyTo(options.PayloadSerializerOptions, forReading: true));
        services.AddClientProtection();
        services.AddOptions<SocketTransportOptions>().Configure<IOptions<RealtimeOptions>>((sockets, realtime) =>
            sockets.UnsafePreferInlineScheduling = realtime.Value.InlineSocketScheduling);
        services.AddSingleton<RealtimeMoves>();
        services.AddSingleton<SessionEndNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionEndNotifier>());
        return services;
    }

    /// <summary>The hub at /hubs/game and the WebSocket at /ws/game/{code}/.</summary>
    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGameHub();
        endpoints.MapGameWebSocket();
        return endpoints;
    }
}
