namespace PartyProtocol.Core.Sessions;

/// <summary>
/// Where live sessions are kept: in memory for one instance, in Redis for several. Writes are compare-and-swap on
/// <see cref="Session.Version"/>, so concurrent commands are never half-applied or lost. Nothing here touches a disk.
/// </summary>
public interface ISessionStore
{
    /// <summary>The session, or null if it does not exist or has expired.</summary>
    ValueTask<Session?> GetAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>Adds a new session; false if a live session already has this code.</summary>
    ValueTask<bool> TryCreateAsync(Session session, CancellationToken cancellationToken = default);

    /// <summary>Replaces the session if its stored version is still <paramref name="expectedVersion"/>.</summary>
    ValueTask<bool> TryUpdateAsync(Session session, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes the session and everything kept for it.</summary>
    ValueTask DeleteAsync(string code, CancellationToken cancellationToken = default);
}
