using PartyProtocol.Core.Sessions;
using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>Turns "Redis cannot be reached" into the engine's <see cref="SessionStoreUnavailableException"/>.</summary>
internal static class RedisFaults
{
    /// <summary>Connection loss, timeouts and server-side refusals (LOADING, READONLY, ...): the store is unusable now.</summary>
    public static bool IsUnavailable(Exception ex) =>
        ex is RedisConnectionException or RedisTimeoutException or RedisServerException or ObjectDisposedException;

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

    public static async Task<T> GuardAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new SessionStoreUnavailableException("Redis is unreachable: " + ex.Message, ex);
        }
    }
}
