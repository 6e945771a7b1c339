using PartyProtocol.Bench.Measurement;

namespace PartyProtocol.Bench.Clients;

/// <summary>
/// One client's real-time connection. <see cref="ConnectAsync"/> returns once the connection counts as connected — for
/// the .NET clients after a ping round trip, for the JavaScript ones the moment their client says so — and every event
/// published afterwards must arrive.
/// </summary>
public interface IEventConnection : IAsyncDisposable
{
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Closes on our side; a close that we did not start is reported as a failure instead.</summary>
    Task CloseAsync();
}

/// <summary>What a connection reports back: events as they arrive, and failures (kind, detail).</summary>
public sealed record ConnectionCallbacks(Action<ReceivedEvent> OnEvent, Action<string, string> OnFailure);
