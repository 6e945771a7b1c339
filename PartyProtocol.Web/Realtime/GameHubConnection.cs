using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Api;
using PartyProtocol.Web.Audience;
using PartyProtocol.Web.Protection;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// One connection of <see cref="GameHub"/>, from before its SignalR handshake to its end. It runs in the connection's
/// pipeline in front of the hub (<see cref="GameHubEndpoint"/>), so the connection is subscribed to its session's events
/// — and its player counted present — before the handshake's answer lets the client's <c>start()</c> resolve: every
/// event published after that moment reaches the client. Until the hub has accepted the connection
/// (<see cref="GameHub.OnConnectedAsync"/>, the first moment SignalR can send to it) events wait in a bounded queue;
/// from then on each is sent at once, on the publishing thread, in seq order. Like the WebSocket, it subscribes to the
/// local <see cref="GameEventBus"/>, which in multi-instance mode also carries the bridged events in seq order; a send
/// to a connection this instance holds is written directly, never through the backplane. A client too slow to keep up
/// is disconnected rather than allowed to hold up the game.
/// </summary>
internal sealed partial class GameHubConnection
{
    /// <summary>Events waiting to be sent; a whole round of a big game is far below this.</summary>
    public const int QueueCapacity = 512;

    /// <summary>Where the admission check leaves the audience it identified, so the connection need not read the session again.</summary>
    internal static readonly object AudienceItem = new();

    private static readonly object ConnectionItem = new();
    private static readonly object ProblemItem = new();

    private readonly ConnectionContext _connection;
    private readonly IHubContext<GameHub> _hub;
    private readonly ILogger _logger;
    private readonly IConnectionOpenedHook? _opened;
    private readonly Lock _gate = new();
    private readonly Queue<GameEvent> _queue = new();
    private readonly AudienceFanout? _fanout;
    private IClientProxy? _client;
    private bool _sending;
    private bool _stopped;

    private GameHubConnection(ConnectionContext connection, SessionAudience audience, IServiceProvider services)
    {
        _connection = connection;
        _hub = services.GetRequiredService<IHubContext<GameHub>>();
        _logger = services.GetRequiredService<ILogger<GameHubConnection>>();
        _opened = services.GetService<IConnectionOpenedHook>();
        Audience = audience;
        _fanout = audience.Viewer.Kind == ViewerKind.Audience ? services.GetRequiredService<AudienceFanout>() : null;
    }

    public SessionAudience Audience { get; }

    /// <summary>The connection pipeline's step in front of the hub: identify, subscribe, count presence, then run the hub.</summary>
    public static async Task RunAsync(ConnectionContext connection, ConnectionDelegate next, IServiceProvider services)
    {
        var http = connection.GetHttpContext();
        var audience = http is not null && http.Items.TryGetValue(AudienceItem, out var admitted) ? admitted as SessionAudience : null;
        if (audience is null)
        {
            // Long-polling and server-sent events may start the connection on a request that was not checked.
            var (identified, problem) = await SessionAudience.IdentifyAsync(services.GetRequiredService<GameService>(), http?.Request.Query["code"],
                GameHub.TokenOf(http), connection.ConnectionClosed);
            if (identified is null)
            {
                // Only when the session vanished since the admission check: the hub refuses the connection with this problem.
                connection.Items[ProblemItem] = problem;
                await next(connection);
                return;
            }

            audience = identified;
        }

        // The admission check refused connections over the caps already; this counts the connection (and catches the
        // rare one that raced others past the check, which the hub then refuses with the problem).
        var (lease, refused) = services.GetRequiredService<ConnectionLimiter>()
            .TryAcquire(ClientAddress.PartitionKey(http?.Connection.RemoteIpAddress), audience.SessionCapped ? audience.Code : null);
        if (lease is null)
        {
            connection.Items[ProblemItem] = refused;
            await next(connection);
            return;
        }

        using var leased = lease;
        var hubConnection = new GameHubConnection(connection, audience, services);
        connection.Items[ConnectionItem] = hubConnection;
        var presence = services.GetRequiredService<PresenceTracker>();
        using var subscription = hubConnection._fanout is { } fanout
            ? fanout.Subscribe(audience.Code, hubConnection.OnEvent)
            : services.GetRequiredService<GameEventBus>().Subscribe(audience.Code, hubConnection.OnEvent);
        using var tracked = audience.PlayerId is { } playerId ? presence.Track(audience.Code, playerId) : null;
        try
        {
            await next(connection);
        }
        finally
        {
            hubConnection.Stop();
        }
    }

    /// <summary>The connection <see cref="RunAsync"/> set up for a hub caller, if any.</summary>
    public static GameHubConnection? Find(HubCallerContext context) =>
        context.Items.TryGetValue(ConnectionItem, out var connection) ? connection as GameHubConnection : null;

    /// <summary>The connection <see cref="RunAsync"/> set up for a hub caller; a <see cref="HubException"/> when there is none.</summary>
    public static GameHubConnection Of(HubCallerContext context) =>
        Find(context) ?? throw new HubException(context.Items.TryGetValue(ProblemItem, out var problem) && problem is ApiProblem refused
                ? $"{refused.Code}: {refused.Detail}"
                : "This connection has no session.");

    /// <summary>
    /// The hub has accepted the connection (SignalR now knows it): send what waited, in order, then every event as it
    /// comes.
    /// </summary>
    public async Task AcceptAsync(CancellationToken cancellationToken)
    {
        if (_opened is not null)
        {
            await _opened.OpenedAsync("hub", Audience.Code, cancellationToken);
        }

        lock (_gate)
        {
            if (_stopped || _client is not null)
            {
                return;
            }

            _client = _hub.Clients.Client(_connection.ConnectionId);
            if (_queue.Count == 0)
            {
                return;
            }

            _sending = true;
        }

        _ = SendQueuedAsync();
    }

    /// <summary>Sends nothing more (the connection is closing).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            _queue.Clear();
        }
    }

    // Runs on the publishing thread. Writing a hub message into the connection's pipe does not block, so the common case
    // — nothing queued, the write lock free — sends right here, without a hop to the thread pool. An audience member's
    // events come from the audience's fan-out (off the publisher's thread), and its sends move to the audience's own.
    private void OnEvent(GameEvent gameEvent)
    {
        var overflowed = false;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            if (_queue.Count < QueueCapacity)
            {
                _queue.Enqueue(gameEvent);
                if (_client is null || _sending)
                {
                    return;
                }

                _sending = true;
            }
            else
            {
                overflowed = _stopped = true;
                _queue.Clear();
            }
        }

        if (overflowed)
        {
            LogOverflow(_logger, Audience.Code, Audience.PlayerId ?? "screen");
            _connection.Abort(new ConnectionAbortedException("The client fell more than the event queue behind."));
            return;
        }

        _ = SendQueuedAsync();
    }

    // One sender at a time (_sending), taking events in queue order: a send that cannot complete at once holds back the
    // ones after it, so they can never overtake it.
    private async Task SendQueuedAsync()
    {
        if (_fanout is { } fanout)
        {
            await fanout.SwitchTo();
        }

        while (true)
        {
            GameEvent next;
            lock (_gate)
            {
                if (_stopped || !_queue.TryDequeue(out next!))
                {
                    _sending = false;
                    return;
                }
            }

            try
            {
                await _client!.SendCoreAsync(GameHub.EventMethod, [EventFrames.For(next, Audience.Viewer)]);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogSendFailed(_logger, ex, next.Type, next.Seq, next.Code);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub connection of {Who} in {Code} fell more than the queue behind; disconnected.")]
    private static partial void LogOverflow(ILogger logger, string code, string who);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Type} #{Seq} of {Code} to a hub connection.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string type, long seq, string code);
}
