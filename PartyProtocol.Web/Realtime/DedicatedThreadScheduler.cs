using System.Runtime.CompilerServices;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// A <see cref="TaskScheduler"/> with threads of its own: work queued here never waits in the thread pool's queue, and
/// never makes anything queued there wait. An async method moves here with <c>await scheduler.SwitchTo()</c>, and every
/// await after that resumes here too (an await resumes on the current <see cref="TaskScheduler"/>), in the order they
/// were queued. The audience's sends run here (<see cref="Audience.AudienceFanout"/>), so a big audience's frames never
/// queue ahead of the players' work on the thread pool.
/// </summary>
internal sealed class DedicatedThreadScheduler : TaskScheduler, IDisposable
{
    [ThreadStatic]
    private static DedicatedThreadScheduler? t_owner;

    // A Monitor, not a System.Threading.Lock: the threads wait on it (Monitor.Wait), which a Lock does not offer.
    private readonly object _gate = new();
    private readonly Queue<Task> _queue = new();
    private readonly Thread[] _threads;
    private readonly int _niceness;
    private bool _disposed;

    /// <param name="name">The threads' name, numbered from 1 (as a debugger or a trace shows them).</param>
    /// <param name="threads">How many threads.</param>
    /// <param name="niceness">
    /// How much lower than the process's the threads' scheduling priority is (Linux's nice value, added to the process's
    /// and capped at 19; 0 leaves it equal; ignored on other systems): when the cores are busy, the process's other
    /// threads run first.
    /// </param>
    public DedicatedThreadScheduler(string name, int threads, int niceness = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(niceness);
        _niceness = niceness;
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"{name}-{i + 1}" };
            // Without the creator's execution context: the thread outlives the request that happened to create it, and
            // each task it runs brings its own.
            _threads[i].UnsafeStart();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>
    /// Continues the awaiting async method on these threads, and with it every later await of that method. Nothing of it
    /// stays allocated once it has moved (a connection's send loop lives as long as its socket).
    /// </summary>
    public SwitchAwaitable SwitchTo() => new(this);

    /// <summary>Stops the threads once what is queued has run; anything queued later runs on the thread pool.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Monitor.PulseAll(_gate);
        }
    }

    protected override void QueueTask(Task task)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _queue.Enqueue(task);
                Monitor.Pulse(_gate);
                return;
            }
        }

        // Shutting down: a continuation must still run, or the loop awaiting it would never finish.
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.Scheduler.TryExecuteTask(state.Task), (Scheduler: this, Task: task), preferLocal: false);
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        ReferenceEquals(t_owner, this) && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_gate)
        {
            return [.. _queue];
        }
    }

    private void Work()
    {
        t_owner = this;
        ThreadNiceness.Lower(_niceness);
        while (true)
        {
            Task task;
            lock (_gate)
            {
                while (_queue.Count == 0)
                {
                    if (_disposed)
                    {
                        return;
                    }

                    Monitor.Wait(_gate);
                }

                task = _queue.Dequeue();
            }

            TryExecuteTask(task);
        }
    }

    /// <summary>What <see cref="SwitchTo"/> returns: an await that moves to the scheduler's threads, unless already on one.</summary>
    public readonly struct SwitchAwaitable(DedicatedThreadScheduler scheduler) : ICriticalNotifyCompletion
    {
        // On one of its threads already, the method runs inside one of its tasks: it goes on there without a hop.
        public bool IsCompleted => ReferenceEquals(t_owner, scheduler);

        public SwitchAwaitable GetAwaiter() => this;

        public void GetResult()
        {
        }

        public void OnCompleted(Action continuation) =>
            Task.Factory.StartNew(continuation, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler);

        public void UnsafeOnCompleted(Action continuation) => OnCompleted(continuation);
    }
}
