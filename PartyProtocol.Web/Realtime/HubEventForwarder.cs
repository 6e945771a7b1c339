using Microsoft.AspNetCore.SignalR;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// Sends game events to hub clients. It forwards only the events committed on this instance
/// (<see cref="GameEvent.Origin"/> = <see cref="GameEventBus.InstanceId"/>) and sends them to SignalR groups; with the
/// Redis backplane SignalR itself carries them to connections on other instances, so each connection gets each
/// event exactly once. Sending never runs on the publishing thread: each session's events are chained one after the
/// other (keeping their seq order) on the thread pool, so a slow session holds up nobody else.
/// </summary>
public sealed partial class HubEventForwarder(GameEventBus bus, IHubContext<GameHub> hub, GameService games, ILogger<HubEventForwarder> logger)
    : IHostedService
{
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = bus.SubscribeAll(OnEvent);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        Task[] pending;
        lock (_gate)
        {
            pending = [.. _tails.Values];
        }

        await Task.WhenAll(pending).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void OnEvent(GameEvent gameEvent)
    {
        if (gameEvent.Origin != bus.InstanceId)
        {
            return;
        }

        lock (_gate)
        {
            var previous = _tails.GetValueOrDefault(gameEvent.Code) ?? Task.CompletedTask;
            var next = SendAfterAsync(previous, gameEvent);
            _tails[gameEvent.Code] = next;
            next.ContinueWith(done => Forget(gameEvent.Code, done), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void Forget(string code, Task done)
    {
        lock (_gate)
        {
            if (_tails.TryGetValue(code, out var tail) && tail == done)
            {
                _tails.Remove(code);
            }
        }
    }

    private async Task SendAfterAsync(Task previous, GameEvent gameEvent)
    {
        // Always yield: the bus calls us on the thread that committed the move.
        await previous.ConfigureAwait(ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await SendAsync(gameEvent);
        }
        catch (Exception ex)
        {
            LogSendFailed(logger, ex, gameEvent.Type, gameEvent.Seq, gameEvent.Code);
        }
    }

    private async Task SendAsync(GameEvent gameEvent)
    {
        var code = gameEvent.Code;
        if (gameEvent.PerPlayer is not { Count: > 0 } perPlayer)
        {
            await hub.Clients.Group(HubGroups.Everyone(code)).SendAsync(GameHub.EventMethod, gameEvent.For(Viewer.Host));
            return;
        }

        foreach (var playerId in perPlayer.Keys)
        {
            await hub.Clients.Group(HubGroups.Player(code, playerId)).SendAsync(GameHub.EventMethod, gameEvent.For(Viewer.Player(playerId)));
        }

        // Everyone without a private payload gets the public one: the screens and every other seated player.
        var view = await games.GetViewAsync(code, Viewer.Host);
        var others = view.IsSuccess
            ? view.Value.Players.Where(p => !perPlayer.ContainsKey(p.Id)).Select(p => HubGroups.Player(code, p.Id))
            : [];
        await hub.Clients.Groups([HubGroups.Screens(code), .. others]).SendAsync(GameHub.EventMethod, gameEvent.For(Viewer.Host));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Type} #{Seq} of {Code} to hub clients.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string type, long seq, string code);
}
