using PartyProtocol.Core.Sessions;
using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>Tells "Redis cannot be reached" from other failures.</summary>
internal static class RedisFaults
{
    /// <summary>
    /// Connection loss, timeouts and server-side refusals (LOADING, READONLY, ...): the store is unusable now. Also the
    /// pipe of a connection torn down under a read (System.IO.Pipelines' "Reading is not allowed after reader was
    /// completed"), which a stalled Redis causes.
    /// </summary>
    public static bool IsUnavailable(Exception ex) =>
        ex is RedisConnectionException or RedisTimeoutException or RedisServerException or ObjectDisposedException
            or InvalidOperationException { Source: "System.IO.Pipelines" };

    /// <summary>
    /// Whether <paramref name="ex"/> or an exception inside it says Redis cannot be reached — also when a library
    /// wrapped it (Data Protection, loading its key ring from Redis, throws a <c>CryptographicException</c>).
    /// </summary>
    public static bool CausedByUnavailability(Exception ex)
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is SessionStoreUnavailableException || IsUnavailable(current))
            {
                return true;
            }
        }

        return false;
    }
}
