using PartyProtocol.Bench.Clients;

namespace PartyProtocol.Bench.Load;

/// <summary>The addresses of the public real-time contract: the SignalR hub and the plain WebSocket.</summary>
public static class Connections
{
    public static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A player (with their token) or the session's screen (token null).</summary>
    public static IEventConnection Create(Transport transport, Uri server, string code, string? token, ConnectionCallbacks callbacks)
    {
        var escapedCode = Uri.EscapeDataString(code);
        switch (transport)
        {
            case Transport.SignalR:
                var hub = $"hubs/game?code={escapedCode}" + (token is null ? string.Empty : $"&access_token={Uri.EscapeDataString(token)}");
                return new SignalREventConnection(new Uri(server, hub), callbacks, PingTimeout);
            default:
                var query = token is null ? "role=host" : $"session_token={Uri.EscapeDataString(token)}";
                return new RawEventSocket(WebSocketAddress(server, $"ws/game/{escapedCode}/?{query}"), callbacks, PingTimeout);
        }
    }

    public static Uri WebSocketAddress(Uri server, string relative)
    {
        var builder = new UriBuilder(new Uri(server, relative)) { Scheme = server.Scheme == "https" ? "wss" : "ws" };
        return builder.Uri;
    }
}
