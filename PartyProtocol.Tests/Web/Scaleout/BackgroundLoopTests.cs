using Microsoft.Extensions.Logging.Abstractions;
using PartyProtocol.Web.Scaleout;
using StackExchange.Redis;

namespace PartyProtocol.Tests.Web.Scaleout;

/// <summary>
/// Every Redis loop runs in <see cref="BackgroundLoop"/>: what a stalled Redis threw at the loops (a torn-down pipe, a
/// cancelled task, a Redis timeout) — or a plain bug — is logged and retried; only the host stopping ends a loop.
/// </summary>
public sealed class BackgroundLoopTests
{
    [Fact]
    public async Task ALoopCarriesOnAfterAnyExceptionAndOnlyTheHostStoppingEndsIt()
    {
        Exception[] thrown =
        [
            new InvalidOperationException("Reading is not allowed after reader was completed."),
            new TaskCanceledException(),
            new RedisTimeoutException("Timeout performing EVALSHA (5000ms)", CommandStatus.Sent),
            new RedisConnectionException(ConnectionFailureType.SocketFailure, "SocketFailure"),
            new NullReferenceException(),
        ];
        using var stop = new CancellationTokenSource();
        var pulse = new LoopPulse("The test loop", TimeProvider.System);
        var passes = 0;
        var failuresSeen = new List<int>();

        var loop = BackgroundLoop.RunAsync(pulse, _ =>
        {
            var pass = passes++;
            failuresSeen.Add(pulse.Failures);
            Assert.True(pulse.Running);
            if (pass < thrown.Length)
            {
                throw thrown[pass];
            }

            if (pass == thrown.Length + 1)
            {
                stop.Cancel();
            }

            return Task.FromResult(TimeSpan.Zero);
        }, (_, _) => Task.CompletedTask, TimeSpan.FromSeconds(1), TimeProvider.System, NullLogger.Instance, stop.Token);

        await loop.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(thrown.Length + 2, passes);
        Assert.Equal([0, 1, 2, 3, 4, 5, 0], failuresSeen);
        Assert.False(pulse.Running);
    }

    [Fact]
    public async Task AFailingWaitDoesNotEndTheLoopEither()
    {
        using var stop = new CancellationTokenSource();
        var pulse = new LoopPulse("The test loop", TimeProvider.System);
        var waits = 0;

        var loop = BackgroundLoop.RunAsync(pulse, _ => Task.FromResult(TimeSpan.Zero), (_, _) =>
        {
            if (++waits == 3)
            {
                stop.Cancel();
                return Task.CompletedTask;
            }

            throw new InvalidOperationException("Reading is not allowed after reader was completed.");
        }, TimeSpan.FromMilliseconds(1), TimeProvider.System, NullLogger.Instance, stop.Token);

        await loop.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, waits);
    }

    [Fact]
    public void TheBackOffIsBoundedAndSpread()
    {
        var max = TimeSpan.FromSeconds(2);
        for (var failures = 1; failures < 40; failures++)
        {
            var backoff = BackgroundLoop.Backoff(failures, max);
            Assert.InRange(backoff, TimeSpan.FromMilliseconds(50), max);
        }

        Assert.InRange(BackgroundLoop.Backoff(30, max), max / 2, max);
    }
}
