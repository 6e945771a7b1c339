using System.Runtime.InteropServices;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// Lowers the calling thread's scheduling priority on Linux (its "nice" value, per thread), so that when the cores are
/// busy the operating system runs the process's other threads first. .NET's <see cref="Thread.Priority"/> does nothing
/// on Linux for ordinary threads; the kernel's per-thread nice value does. Raising a nice value needs no privilege.
/// </summary>
internal static class ThreadNiceness
{
    private const int PrioProcess = 0;

    /// <summary>
    /// Adds <paramref name="by"/> to the calling thread's nice value (capped at 19, the lowest priority). Returns whether
    /// the kernel took the new value: false on other systems, for 0, or when it refused.
    /// </summary>
    public static bool Lower(int by) =>
        by > 0 && Current() is { } current && setpriority(PrioProcess, gettid(), Math.Min(19, current + by)) == 0;

    /// <summary>The calling thread's nice value, or null where there is none to read.</summary>
    public static int? Current()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            // getpriority may return -1 as a value: only errno tells an error.
            Marshal.SetLastPInvokeError(0);
            var value = getpriority(PrioProcess, gettid());
            return value == -1 && Marshal.GetLastPInvokeError() != 0 ? null : value;
        }
        catch (EntryPointNotFoundException)
        {
            return null; // a libc without gettid (before glibc 2.30)
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int gettid();

    [DllImport("libc", SetLastError = true)]
    private static extern int getpriority(int which, int who);

    [DllImport("libc", SetLastError = true)]
    private static extern int setpriority(int which, int who, int prio);
}
