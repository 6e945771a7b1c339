using PartyProtocol.Bench.Clients;

namespace PartyProtocol.Bench.Load;

/// <summary>The addresses of the public real-time contract: the SignalR hub and the plain WebSocket, with .NET or JavaScript clients.</summary>
public static class Connections
{
    public static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A player (with their token) or the session's screen (token null); JavaScript clients when <paramref name="node"/> is given.</summary>
    public static IEventConnection Create(Transport transport, Uri server, string code, string? token, ConnectionCallbacks callbacks,
        NodeClients? node = null)
    {
        var escapedCode = Uri.EscapeDataString(code);
        switch (transport)
        {
            case Transport.SignalR:
                var hub = new Uri(server, $"hubs/game?code={escapedCode}" + (token is null ? string.Empty : $"&access_token={Uri.EscapeDataString(token)}"));
                return node is null ? new SignalREventConnection(hub, callbacks, PingTimeout) : node.Create("hub", hub, callbacks);
            default:
                var query = token is null ? "role=host" : $"session_token={Uri.EscapeDataString(token)}";
                return Socket(WebSocketAddress(server, $"ws/game/{escapedCode}/?{query}"), callbacks, node);
        }
    }

    /// <summary>A plain WebSocket client of JSON text frames (the game's socket or the baseline server's).</summary>
    public static IEventConnection Socket(Uri address, ConnectionCallbacks callbacks, NodeClients? node = null) =>
        node is null ? new RawEventSocket(address, callbacks, PingTimeout) : node.Create("ws", address, callbacks);

    public static Uri WebSocketAddress(Uri server, string relative) => WebSocketAddress(new Uri(server, relative));

    private static Uri WebSocketAddress(Uri address) =>
        new UriBuilder(address) { Scheme = address.Scheme == "https" ? "wss" : "ws" }.Uri;
}
