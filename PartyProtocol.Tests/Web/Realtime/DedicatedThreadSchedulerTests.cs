using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>A scheduler with threads of its own (the audience's senders): a method moved there stays there, in order, and nothing is lost at shutdown.</summary>
public sealed class DedicatedThreadSchedulerTests
{
    [Fact]
    public async Task AMethodMovedThereComesBackToItsThreadAfterEveryAwait()
    {
        using var scheduler = new DedicatedThreadScheduler("test-send", 1);
        var threads = new List<string?>();

        await Task.Run(async () =>
        {
            await scheduler.SwitchTo();
            for (var i = 0; i < 3; i++)
            {
                threads.Add(Thread.CurrentThread.Name);
                // Completes on the thread pool: the continuation is still the scheduler's.
                await Task.Run(() => Thread.Sleep(1));
                threads.Add(Thread.CurrentThread.Name);
                await Task.Yield();
            }
        });

        Assert.Equal(6, threads.Count);
        Assert.All(threads, name => Assert.Equal("test-send-1", name));
    }

    [Fact]
    public async Task OneThreadRunsWhatWasQueuedInTheOrderItCame()
    {
        using var scheduler = new DedicatedThreadScheduler("test-send", 1);
        using var release = new ManualResetEventSlim();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new List<int>();
        var first = Task.Run(async () =>
        {
            await scheduler.SwitchTo();
            holding.SetResult();
            release.Wait(TimeSpan.FromMinutes(1));
        });
        await holding.Task;

        // Queued one after another while the only thread is held.
        var queued = new List<Task>();
        for (var i = 1; i <= 50; i++)
        {
            var n = i;
            queued.Add(Moved(scheduler, () => order.Add(n)));
        }

        release.Set();
        await first;
        await Task.WhenAll(queued);

        Assert.Equal(Enumerable.Range(1, 50), order);
    }

    [Fact]
    public async Task AfterDisposeAMethodWaitingThereStillFinishesAndNewWorkRunsOnTheThreadPool()
    {
        var scheduler = new DedicatedThreadScheduler("test-send", 1);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loop = Task.Run(async () =>
        {
            await scheduler.SwitchTo();
            waiting.SetResult();
            await resume.Task;
        });

        await waiting.Task;
        scheduler.Dispose();
        resume.SetResult();
        await loop.WaitAsync(TimeSpan.FromSeconds(30));

        var onThePool = false;
        await Moved(scheduler, () => onThePool = Thread.CurrentThread.IsThreadPoolThread).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(onThePool);
    }

    [Fact]
    public async Task ItsThreadsRunAtTheNicenessAskedBelowTheThreadThatMadeThem()
    {
        var creator = ThreadNiceness.Current();
        Assert.NotNull(creator); // Linux: the server's and the suite's platform

        using var lowered = new DedicatedThreadScheduler("test-send", 1, niceness: 4);
        using var equal = new DedicatedThreadScheduler("test-send", 1);
        // The thread that made them is left as it was; read before any await, after which this method may go on
        // elsewhere. (The thread pool is not checked: Linux gives a new thread its creator's nice value, so a worker
        // the pool starts while one of these threads asks for work runs lower too.)
        Assert.Equal(creator, ThreadNiceness.Current());

        Assert.Equal(Math.Min(19, creator.Value + 4), await NicenessOn(lowered));
        Assert.Equal(creator, await NicenessOn(equal));
    }

    [Fact]
    public async Task TheNicenessIsCappedAtTheLowestPriority()
    {
        using var scheduler = new DedicatedThreadScheduler("test-send", 1, niceness: 40);

        Assert.Equal(19, await NicenessOn(scheduler));
    }

    private static Task<int?> NicenessOn(DedicatedThreadScheduler scheduler) => ThreadPriorityProbe.NicenessOn(scheduler.SwitchTo);

    // Queues the move at once (the caller's thread), so what is queued in a row keeps its order.
    private static async Task Moved(DedicatedThreadScheduler scheduler, Action work)
    {
        await scheduler.SwitchTo();
        work();
    }
}
