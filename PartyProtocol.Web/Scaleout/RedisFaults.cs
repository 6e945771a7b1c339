using PartyProtocol.Core.Sessions;
using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>Turns "Redis cannot be reached" into the engine's <see cref="SessionStoreUnavailableException"/>.</summary>
internal static class RedisFaults
{
    /// <summary>Connection loss, timeouts and server-side refusals (LOADING, READONLY, ...): the store is unusable now.</summary>
    public static bool IsUnavailable(Exception ex) =>
        ex is RedisConnectionException or RedisTimeoutException or RedisServerException or ObjectDisposedException;

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
