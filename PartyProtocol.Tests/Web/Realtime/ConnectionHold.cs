using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>
/// Holds the first real-time connection that opens (<see cref="IConnectionOpenedHook"/>: its client has already seen it
/// open) until an event has been published; later connections pass straight through.
/// </summary>
internal sealed class ConnectionHold : IConnectionOpenedHook
{
    private readonly TaskCompletionSource<string> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits until a connection is held, publishes while it is, then lets it go on.</summary>
    public async Task PublishWhileHeldAsync(string transport, Func<Task> publish)
    {
        try
        {
            Assert.Equal(transport, await _reached.Task.WaitAsync(EventLog.DefaultTimeout));
            await publish();
        }
        finally
        {
            _released.TrySetResult();
        }
    }

    public async Task OpenedAsync(string transport, string code, CancellationToken cancellationToken)
    {
        _reached.TrySetResult(transport);
        await _released.Task.WaitAsync(EventLog.DefaultTimeout, cancellationToken);
    }
}
