using Microsoft.AspNetCore.Components.Server.Circuits;
using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Web.Components.Browser;

/// <summary>
/// A player page's presence, tied to its circuit: counted by <see cref="PresenceTracker"/> while the page is open and
/// its connection is up. When a phone sleeps the circuit outlives the connection for a while; releasing presence
/// then lets the others carry on instead of waiting for the deadline, and it comes back when the phone wakes.
/// </summary>
public sealed class CircuitPresence(PresenceTracker tracker) : CircuitHandler, IDisposable
{
    private readonly Lock _gate = new();
    private Attachment? _current;
    private IDisposable? _handle;
    private bool _connectionDown;

    /// <summary>Counts the player as connected until the returned handle is disposed.</summary>
    public IDisposable Attach(string code, string playerId)
    {
        var attachment = new Attachment(this, code, playerId);
        IDisposable? previous;
        lock (_gate)
        {
            previous = _handle;
            _current = attachment;
            _handle = _connectionDown ? null : tracker.Track(code, playerId);
        }

        previous?.Dispose();
        return attachment;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IDisposable? released;
        lock (_gate)
        {
            _connectionDown = true;
            released = _handle;
            _handle = null;
        }

        released?.Dispose();
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _connectionDown = false;
            if (_current is { } current && _handle is null)
            {
                _handle = tracker.Track(current.Code, current.PlayerId);
            }
        }

        return Task.CompletedTask;
    }

    public void Dispose() => Detach(null);

    private void Detach(Attachment? attachment)
    {
        IDisposable? released;
        lock (_gate)
        {
            if (attachment is not null && !ReferenceEquals(_current, attachment))
            {
                return;
            }

            released = _handle;
            _handle = null;
            _current = null;
        }

        released?.Dispose();
    }

    private sealed class Attachment(CircuitPresence owner, string code, string playerId) : IDisposable
    {
        public string Code { get; } = code;

        public string PlayerId { get; } = playerId;

        public void Dispose() => owner.Detach(this);
    }
}
