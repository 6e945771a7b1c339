using System.Security.Cryptography;
using System.Text.Json;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Scaleout;
using StackExchange.Redis;

namespace PartyProtocol.Tests.Web.Scaleout;

/// <summary>
/// Only "Redis cannot serve now" is an outage (a 503 and the availability gate closing); a bug that merely passes
/// through Redis or sits next to it stays a 500 and keeps the gate open.
/// </summary>
public sealed class RedisFaultClassificationTests
{
    [Theory]
    [InlineData("LOADING Redis is loading the dataset in memory")]
    [InlineData("READONLY You can't write against a read only replica.")]
    [InlineData("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.")]
    [InlineData("BUSY Redis is busy running a script.")]
    [InlineData("OOM command not allowed when used memory > 'maxmemory'.")]
    public void ServerErrorsThatMeanNotNowAreOutages(string message) =>
        Assert.True(RedisFaults.IsUnavailable(new RedisServerException(message)));

    [Theory]
    [InlineData("ERR Error running script (call to f_0123): @user_script:3: Script attempted to access nonexistent global variable 'x'")]
    [InlineData("WRONGTYPE Operation against a key holding the wrong kind of value")]
    [InlineData("NOSCRIPT No matching script. Please use EVAL.")]
    public void OtherServerErrorsAreBugsNotOutages(string message)
    {
        Assert.False(RedisFaults.IsUnavailable(new RedisServerException(message)));
        Assert.False(RedisFaults.CausedByUnavailability(new RedisServerException(message)));
    }

    [Fact]
    public void LostConnectionsAndTimeoutsAreOutagesAlsoInsideDataProtection()
    {
        var lost = new RedisConnectionException(ConnectionFailureType.UnableToConnect, "It was not possible to connect to the redis server(s).");
        Assert.True(RedisFaults.IsUnavailable(lost));
        Assert.True(RedisFaults.IsUnavailable(new RedisTimeoutException("Timeout performing EVALSHA", CommandStatus.Sent)));
        Assert.True(RedisFaults.CausedByUnavailability(new CryptographicException("An error occurred while trying to read the key ring.", lost)));
        Assert.True(RedisFaults.CausedByUnavailability(new AggregateException(lost)));
        Assert.True(RedisFaults.CausedByUnavailability(new SessionStoreUnavailableException("Redis is unavailable.")));
    }

    [Fact]
    public void ExceptionsFromElsewhereAreNotOutagesWhateverTheyWrap()
    {
        var lost = new RedisConnectionException(ConnectionFailureType.SocketFailure, "SocketFailure on 127.0.0.1:6379");
        // A component disposed too early, a bug in our own code, a JSON error: 500s, even with a Redis error inside.
        Assert.False(RedisFaults.IsUnavailable(new ObjectDisposedException("GameSocketConnection")));
        Assert.False(RedisFaults.IsUnavailable(new InvalidOperationException("Sequence contains no elements")));
        Assert.False(RedisFaults.CausedByUnavailability(new ObjectDisposedException("GameSocketConnection")));
        Assert.False(RedisFaults.CausedByUnavailability(new InvalidOperationException("The renderer failed.", lost)));
        Assert.False(RedisFaults.CausedByUnavailability(new JsonException("Bad JSON.", lost)));
    }
}
