using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Api;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// The SignalR hub at <c>/hubs/game</c>. Connect with <c>?code=ABCD</c> and, for a player or the owner, the token
/// (<c>access_token</c> query parameter or <c>Authorization: Bearer</c>); without a token the connection is a screen
/// showing the host view. Events arrive through the client method <c>event</c>: every event published after the
/// client's <c>start()</c> resolved (see <see cref="GameHubConnection"/>, which subscribes the connection before the
/// handshake). Moves and owner controls can be made here as well as over REST.
/// </summary>
public sealed class GameHub(GameService games, RealtimeMoves moves) : Hub
{
    /// <summary>The client method every event envelope is sent to.</summary>
    public const string EventMethod = "event";

    public const string Path = "/hubs/game";

    private SessionAudience Audience => GameHubConnection.Of(Context).Audience;

    /// <summary>SignalR can send to the connection from now on: the events that waited since the handshake go first.</summary>
    public override Task OnConnectedAsync() => GameHubConnection.Of(Context).AcceptAsync(Context.ConnectionAborted);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        GameHubConnection.Find(Context)?.Stop();
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Answers "pong": a cheap round trip for clients that measure or keep alive the connection.</summary>
    public string Ping() => "pong";

    /// <summary>The caller's view now (<c>result</c>), with <c>seq</c>: events with a greater seq are news.</summary>
    public async Task<HubReply> GetView() =>
        HubReply.From(Audience.Token is { } token
            ? await games.GetViewAsync(Audience.Code, token, Context.ConnectionAborted)
            : await games.GetViewAsync(Audience.Code, Audience.Viewer, Context.ConnectionAborted));

    /// <summary>A cartridge move by name (e.g. <c>submit_lie</c> with <c>{ "text": "..." }</c>); payload null for moves without one.</summary>
    public Task<HubReply> Move(string move, JsonElement? payload) => moves.MakeAsync(Audience, move, payload, Context.ConnectionAborted);

    /// <summary>Owner control: start from the lobby, or resume.</summary>
    public async Task<HubReply> Play() => HubReply.From(await games.PlayAsync(Audience.Code, Audience.Token, Context.ConnectionAborted));

    /// <summary>Owner control: pause.</summary>
    public async Task<HubReply> Pause() => HubReply.From(await games.PauseAsync(Audience.Code, Audience.Token, Context.ConnectionAborted));

    /// <summary>Owner control: end the session for everyone.</summary>
    public async Task<HubReply> Exit() => HubReply.From(await games.ExitAsync(Audience.Code, Audience.Token, Context.ConnectionAborted));

    /// <summary>Host moderation: hides a player's nickname from the screens.</summary>
    public async Task<HubReply> HideName(string playerId) =>
        HubReply.From(await games.HideNameAsync(Audience.Code, playerId, Audience.Token, Context.ConnectionAborted));

    /// <summary>A player leaves (their own id) or the owner kicks a player.</summary>
    public async Task<HubReply> RemovePlayer(string playerId) =>
        HubReply.From(await games.RemovePlayerAsync(Audience.Code, playerId, Audience.Token, Context.ConnectionAborted));

    /// <summary>
    /// The token of a hub request: browsers' SignalR clients put it in the <c>access_token</c> query parameter for
    /// WebSockets and server-sent events, other clients in the Authorization header.
    /// </summary>
    internal static string? TokenOf(HttpContext? http)
    {
        if (http is null)
        {
            return null;
        }

        var query = http.Request.Query["access_token"].ToString();
        return query.Length > 0 ? query : BearerToken.From(http.Request);
    }
}
