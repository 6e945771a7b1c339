using System.Diagnostics;
using PartyProtocol.Core.Events;

namespace PartyProtocol.Web.Telemetry;

/// <summary>
/// Counts the events this instance's bus delivers — committed here (<c>partyprotocol.events.published</c>, by type)
/// or arrived from another instance — and marks each on the span that caused it: delivery runs on the committing
/// thread, so the move's span shows which events it published.
/// </summary>
internal sealed class EventTelemetry(GameEventBus bus) : IHostedService, IDisposable
{
    private static readonly KeyValuePair<string, object?> Local = new("origin", "local");
    private static readonly KeyValuePair<string, object?> Remote = new("origin", "remote");

    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = bus.SubscribeAll(OnEvent);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
    }

    private void OnEvent(GameEvent gameEvent)
    {
        var local = gameEvent.Origin == bus.InstanceId;
        PartyTelemetry.EventsDelivered.Add(1, local ? Local : Remote);
        if (local)
        {
            PartyTelemetry.EventsPublished.Add(1, new KeyValuePair<string, object?>("type", gameEvent.Type));
        }

        Activity.Current?.AddEvent(new ActivityEvent("event " + gameEvent.Type, tags: new ActivityTagsCollection
        {
            ["partyprotocol.room_code"] = gameEvent.Code,
            ["partyprotocol.event.seq"] = gameEvent.Seq,
        }));
    }
}
