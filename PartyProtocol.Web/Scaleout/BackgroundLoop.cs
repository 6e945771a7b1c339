using System.Threading.Channels;

namespace PartyProtocol.Web.Scaleout;

/// <summary>
/// A background loop that outlives every fault. Each pass returns how long to wait before the next one; a pass that
/// throws — whatever it throws: a Redis timeout, a connection torn down mid-read ("Reading is not allowed after reader
/// was completed"), a cancelled task, a bug — is logged, counted, and followed by a bounded, jittered back-off, and the
/// loop carries on. Only the host stopping ends it, so no loop can stop the host or die silently while the host runs.
/// Its <see cref="LoopPulse"/> tells <c>/healthz</c> whether it runs and when it last completed a pass.
/// </summary>
internal static class BackgroundLoop
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);

    /// <param name="pass">One pass; returns the wait before the next.</param>
    /// <param name="wait">Waits that long (a loop may be woken early); null: a plain delay.</param>
    /// <param name="maxBackoff">The longest wait after failures.</param>
    public static async Task RunAsync(LoopPulse pulse, Func<CancellationToken, Task<TimeSpan>> pass,
        Func<TimeSpan, CancellationToken, Task>? wait, TimeSpan maxBackoff, TimeProvider time, ILogger logger, CancellationToken stoppingToken)
    {
        wait ??= (delay, token) => Task.Delay(delay, time, token);
        pulse.Started();
        try
        {
            var failures = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan next;
                try
                {
                    next = await pass(stoppingToken);
                    if (failures > 0)
                    {
                        logger.LogInformation("{Loop} works again after {Failures} failed passes.", pulse.Name, failures);
                    }

                    failures = 0;
                    pulse.Beat();
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    failures++;
                    pulse.Failed();
                    // The first failure of a run with its exception; the rest of an outage would only repeat it.
                    if (failures == 1)
                    {
                        logger.LogWarning(ex, "{Loop} failed; retrying with back-off.", pulse.Name);
                    }
                    else
                    {
                        logger.LogDebug("{Loop} failed again ({Failures} in a row): {Error}", pulse.Name, failures, ex.Message);
                    }

                    next = Backoff(failures, maxBackoff);
                }

                try
                {
                    await wait(next, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "{Loop} could not wait; pausing before the next pass.", pulse.Name);
                    await Task.Delay(maxBackoff, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }
        finally
        {
            pulse.Stopped();
        }
    }

    /// <summary>Doubles from 100 ms up to <paramref name="max"/>, then takes a random 50–100 % of it, so instances that
    /// failed together do not all retry at the same moment.</summary>
    public static TimeSpan Backoff(int failures, TimeSpan max)
    {
        var exponential = FirstBackoff * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = exponential < max ? exponential : max;
        return capped * (0.5 + (Random.Shared.NextDouble() / 2));
    }
}

/// <summary>Whether a background loop runs, and when it last completed a pass (for <c>/healthz</c>).</summary>
internal sealed class LoopPulse(string name, TimeProvider time)
{
    private long _lastBeatTicks;
    private int _running;
    private int _failures;

    public string Name { get; } = name;

    public bool Running => Volatile.Read(ref _running) == 1;

    /// <summary>Failed passes since the last good one.</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>When a pass last completed (the start of the loop before the first).</summary>
    public DateTimeOffset LastBeat => new(Interlocked.Read(ref _lastBeatTicks), TimeSpan.Zero);

    public TimeSpan SinceLastBeat => time.GetUtcNow() - LastBeat;

    public void Started()
    {
        Interlocked.Exchange(ref _lastBeatTicks, time.GetUtcNow().UtcTicks);
        Volatile.Write(ref _running, 1);
    }

    public void Beat()
    {
        Interlocked.Exchange(ref _lastBeatTicks, time.GetUtcNow().UtcTicks);
        Volatile.Write(ref _failures, 0);
    }

    public void Failed() => Interlocked.Increment(ref _failures);

    public void Stopped() => Volatile.Write(ref _running, 0);
}

/// <summary>
/// Ends a background loop's wait early: <see cref="Set"/> from any thread, and the loop's current or next
/// <see cref="WaitAsync"/> returns at once. Signals coalesce; the pass that follows the wait reads what changed.
/// </summary>
internal sealed class WakeSignal
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Set() => _signal.Writer.TryWrite(true);

    /// <summary>Waits up to <paramref name="wait"/> for <see cref="Set"/>, and takes the signal.</summary>
    public async Task WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        if (wait > TimeSpan.Zero)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(wait);
            try
            {
                await _signal.Reader.WaitToReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }

        _signal.Reader.TryRead(out _);
    }
}
