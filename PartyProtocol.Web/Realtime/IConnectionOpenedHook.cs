namespace PartyProtocol.Web.Realtime;

/// <summary>
/// A seam for tests; the app registers none. When registered, every real-time connection awaits it right after its
/// client has seen the connection open — the WebSocket upgrade answered, the SignalR handshake completed — and before
/// the server goes on with that connection. A test holds a connection here to publish events at the worst moment and
/// prove they still arrive.
/// </summary>
internal interface IConnectionOpenedHook
{
    /// <param name="transport"><c>hub</c> or <c>websocket</c>.</param>
    /// <param name="code">The session the connection belongs to.</param>
    /// <param name="cancellationToken">Cancelled when the connection goes away.</param>
    Task OpenedAsync(string transport, string code, CancellationToken cancellationToken);
}
