using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Api;
using PartyProtocol.Web.Protection;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// The SignalR hub at <c>/hubs/game</c>. Connect with <c>?code=ABCD</c> and, for a player or the owner, the token
/// (<c>access_token</c> query parameter or <c>Authorization: Bearer</c>); without a token the connection is a screen
/// showing the host view. Events arrive through the client method <c>event</c> (sent by
/// <see cref="HubEventForwarder"/>); moves and owner controls can be made here as well as over REST.
/// </summary>
public sealed class GameHub(GameService games, PresenceTracker presence, HubConnections connections, ConnectionLimiter limiter) : Hub
{
    /// <summary>The client method every event envelope is sent to.</summary>
    public const string EventMethod = "event";

    public const string Path = "/hubs/game";

    internal const string AudienceKey = "audience";
    private const string PresenceKey = "presence";
    private const string LeaseKey = "connection-lease";

    private SessionAudience Audience => (SessionAudience)Context.Items[AudienceKey]!;

    public override async Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext();
        var (audience, problem) = await SessionAudience.IdentifyAsync(games, http?.Request.Query["code"], TokenOf(http), Context.ConnectionAborted);
        if (audience is null)
        {
            // Reached only when the session vanished after the admission check of the same request.
            throw new HubException($"{problem!.Code}: {problem.Detail}");
        }

        // The admission check refused connections over the caps already; this counts the connection (and catches the
        // rare one that raced others past the check).
        var (lease, refused) = limiter.TryAcquire(ClientAddress.PartitionKey(http?.Connection.RemoteIpAddress), audience.Code);
        if (lease is null)
        {
            throw new HubException($"{refused!.Code}: {refused.Detail}");
        }

        Context.Items[LeaseKey] = lease;
        Context.Items[AudienceKey] = audience;
        if (audience.PlayerId is { } player)
        {
            Context.Items[PresenceKey] = presence.Track(audience.Code, player);
        }

        connections.Add(audience.Code, Context.ConnectionId, audience.Viewer);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        // Presence and the event registry are ours to release.
        (Context.Items.TryGetValue(PresenceKey, out var handle) ? handle as IDisposable : null)?.Dispose();
        (Context.Items.TryGetValue(LeaseKey, out var lease) ? lease as IDisposable : null)?.Dispose();
        if (Context.Items.TryGetValue(AudienceKey, out var audience) && audience is SessionAudience joined)
        {
            connections.Remove(joined.Code, Context.ConnectionId);
        }

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
    public async Task<HubReply> Move(string move, JsonElement? payload)
    {
        var audience = Audience;
        var definition = games.FindGame(audience.GameKey)?.Moves.FirstOrDefault(m => m.Name == move);
        if (definition is null)
        {
            return HubReply.Fail(ApiProblem.From(new GameError(ErrorCodes.UnknownMove, $"This game has no move called '{move}'.", ErrorKind.NotFound)));
        }

        var (bound, invalid) = JsonBodies.BindPayload(definition, payload);
        if (invalid is not null)
        {
            return HubReply.Fail(invalid);
        }

        return HubReply.From(await games.MoveAsync(audience.Code, audience.Token, move, bound, Context.ConnectionAborted));
    }

    /// <summary>Owner control: start from the lobby, or resume.</summary>
    public async Task<HubReply> Play() => HubReply.From(await games.PlayAsync(Audience.Code, Audience.Token, Context.ConnectionAborted));

    /// <summary>Owner control: pause.</summary>
    public async Task<HubReply> Pause() => HubReply.From(await games.PauseAsync(Audience.Code, Audience.Token, Context.ConnectionAborted));

    /// <summary>Owner control: end the session for everyone.</summary>
    public async Task<HubReply> Exit() => HubReply.From(await games.ExitAsync(Audience.Code, Audience.Token, Context.ConnectionAborted));

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
