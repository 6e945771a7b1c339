using PartyProtocol.Core.Audience;
using PartyProtocol.Core.Engine;
using PartyProtocol.Tests.Web.Realtime;

namespace PartyProtocol.Tests.Web.Audience;

/// <summary>An audience store whose votes wait until <see cref="Release"/>.</summary>
internal sealed class HeldVotes(IAudienceStore inner) : PassThroughAudienceStore(inner)
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _entered;

    public int Entered => Volatile.Read(ref _entered);

    public void Release() => _released.TrySetResult();

    public override async ValueTask<VoteOutcome> VoteAsync(string code, string key, string audienceId, string choice, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _entered);
        await _released.Task.WaitAsync(EventLog.DefaultTimeout, cancellationToken);
        return await base.VoteAsync(code, key, audienceId, choice, cancellationToken);
    }
}

/// <summary>The real store, with its votes open to a test's change.</summary>
internal class PassThroughAudienceStore(IAudienceStore inner) : IAudienceStore
{
    public virtual ValueTask<VoteOutcome> VoteAsync(string code, string key, string audienceId, string choice, CancellationToken cancellationToken = default) =>
        inner.VoteAsync(code, key, audienceId, choice, cancellationToken);

    public ValueTask<AudienceRoom> GetRoomAsync(string code, CancellationToken cancellationToken = default) => inner.GetRoomAsync(code, cancellationToken);

    public ValueTask<AudienceRoom> SetRoomAsync(string code, bool open, int cap, CancellationToken cancellationToken = default) =>
        inner.SetRoomAsync(code, open, cap, cancellationToken);

    public ValueTask<AudienceJoin> JoinAsync(string code, CancellationToken cancellationToken = default) => inner.JoinAsync(code, cancellationToken);

    public ValueTask<AudienceTally> CloseAsync(string code, string key, CancellationToken cancellationToken = default) => inner.CloseAsync(code, key, cancellationToken);

    public ValueTask<AudienceSnapshot> SnapshotAsync(string code, CancellationToken cancellationToken = default) => inner.SnapshotAsync(code, cancellationToken);

    public ValueTask ForgetAsync(string code, CancellationToken cancellationToken = default) => inner.ForgetAsync(code, cancellationToken);
}
