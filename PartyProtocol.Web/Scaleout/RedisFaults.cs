using System.Reflection;
using System.Security.Cryptography;
using PartyProtocol.Core.Sessions;
using StackExchange.Redis;

namespace PartyProtocol.Web.Scaleout;

/// <summary>Tells "Redis cannot be reached" from other failures, which are bugs and must stay 500s in the log.</summary>
internal static class RedisFaults
{
    // Server errors that mean "not now" rather than "wrong command": loading a dataset, a replica that cannot take
    // writes, a failover in progress, a script busy too long, out of memory.
    private static readonly string[] UnavailablePrefixes = ["LOADING", "READONLY", "MASTERDOWN", "BUSY", "TRYAGAIN", "CLUSTERDOWN", "NOREPLICAS", "OOM"];

    /// <summary>
    /// Connection loss, timeouts, the server errors that mean Redis cannot serve now (LOADING, READONLY, ...), a call
    /// on the client after it was disposed (shutdown), and the pipe of a connection torn down under a read
    /// (System.IO.Pipelines' "Reading is not allowed after reader was completed"), which a stalled Redis causes.
    /// Not any other server error (a script error is a bug), nor any <see cref="ObjectDisposedException"/> or
    /// <see cref="InvalidOperationException"/> from elsewhere.
    /// </summary>
    public static bool IsUnavailable(Exception ex) => ex switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException server => UnavailablePrefixes.Any(p => server.Message.StartsWith(p, StringComparison.Ordinal)),
        ObjectDisposedException { Source: "StackExchange.Redis" } => true,
        InvalidOperationException { Source: "System.IO.Pipelines" } => true,
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="ex"/> says the store or Redis cannot be reached — also when one of the few wrappers a
    /// library puts around it does (Data Protection, loading its key ring from Redis, throws a
    /// <c>CryptographicException</c>; a task may fail with an <c>AggregateException</c>). Any other exception is not
    /// unavailability, whatever it wraps.
    /// </summary>
    public static bool CausedByUnavailability(Exception ex)
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is SessionStoreUnavailableException || IsUnavailable(current))
            {
                return true;
            }

            if (current is not (CryptographicException or AggregateException or TargetInvocationException))
            {
                return false;
            }
        }

        return false;
    }
}
