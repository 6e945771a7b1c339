using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>Reads the scheduling priority of the threads a <see cref="DedicatedThreadScheduler"/> runs work on.</summary>
internal static class ThreadPriorityProbe
{
    /// <summary>
    /// The nice value of the thread a method runs on once it has moved with <paramref name="switchTo"/>. The caller's
    /// continuation does not run there: it would carry the caller onto the scheduler's thread.
    /// </summary>
    internal static Task<int?> NicenessOn(Func<DedicatedThreadScheduler.SwitchAwaitable> switchTo)
    {
        var read = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(async () =>
        {
            await switchTo();
            read.SetResult(ThreadNiceness.Current());
        });
        return read.Task;
    }
}
