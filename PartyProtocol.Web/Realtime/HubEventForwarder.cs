using Microsoft.AspNetCore.SignalR;
using PartyProtocol.Core.Events;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// Sends game events to the hub clients connected to this instance. It forwards every event of the local bus —
/// committed here or, in multi-instance mode, bridged from another instance and already put in seq order by the
/// bridge — to this instance's own connections (<see cref="HubConnections"/>), each with its viewer's payload. Every
/// connection lives on exactly one instance, so it gets each event exactly once and in seq order; a send to a local
/// connection is written directly even with the Redis backplane. Sending never runs on the publishing thread: each
/// session's events are chained one after the other on the thread pool, so a slow session holds up nobody else.
/// </summary>
public sealed partial class HubEventForwarder(GameEventBus bus, IHubContext<GameHub> hub, HubConnections connections, ILogger<HubEventForwarder> logger)
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
        if (connections.Count(gameEvent.Code) == 0)
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
        foreach (var (connectionId, viewer) in connections.Of(gameEvent.Code))
        {
            try
            {
                await hub.Clients.Client(connectionId).SendAsync(GameHub.EventMethod, gameEvent.For(viewer));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One broken connection must not cost the others their event.
                LogSendFailed(logger, ex, gameEvent.Type, gameEvent.Seq, gameEvent.Code);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Type} #{Seq} of {Code} to hub clients.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string type, long seq, string code);
}
