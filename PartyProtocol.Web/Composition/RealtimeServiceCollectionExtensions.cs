using PartyProtocol.Web.Protection;
using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Web.Composition;

/// <summary>Real-time push: the SignalR hub and the plain WebSocket.</summary>
public static class RealtimeServiceCollectionExtensions
{
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddSignalR()
            .AddJsonProtocol(options => GameJsonConfiguration.ApplyTo(options.PayloadSerializerOptions, forReading: true));
        services.AddClientProtection();
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
