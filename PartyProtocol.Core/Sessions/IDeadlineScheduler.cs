using System.Collections.Concurrent;

namespace PartyProtocol.Core.Sessions;

/// <summary>
/// Fires phase deadlines. A deadline is identified by (session code, timer id); scheduling a code again replaces
/// its earlier deadline. Firing is at-least-once: the handler fences on the timer id, so a late or repeated firing
/// changes nothing.
/// </summary>
public interface IDeadlineScheduler
{
    /// <summary>Sets the handler called when a deadline is due (the game service attaches itself once).</summary>
    void Attach(Func<string, long, Task> onDue);

    /// <summary>
    /// Arms the deadline of the timer the committed session runs again, for a firing that came early (the handler
    /// found the deadline not yet reached).
    /// </summary>
    ValueTask ScheduleAsync(string code, long timerId, DateTimeOffset deadline, CancellationToken cancellationToken = default);

    /// <summary>
    /// A commit changed the session's timer: from now on it runs <paramref name="timerId"/> until
    /// <paramref name="deadline"/>, or has no deadline at all (null: paused, a phase without a deadline, the session
    /// ended or was deleted). A scheduler whose store arms and clears deadlines in the commit itself has nothing
    /// left to do here.
    /// </summary>
    ValueTask TimerChangedAsync(string code, long timerId, DateTimeOffset? deadline, CancellationToken cancellationToken = default);
}

/// <summary>Single-instance deadlines: one <see cref="TimeProvider"/> timer per session.</summary>
public sealed class InMemoryDeadlineScheduler(TimeProvider time) : IDeadlineScheduler, IDisposable
{
    private readonly ConcurrentDictionary<string, ITimer> _timers = new(StringComparer.Ordinal);
    private Func<string, long, Task>? _onDue;

    public int Pending => _timers.Count;

    public void Attach(Func<string, long, Task> onDue) => _onDue = onDue;

    public ValueTask ScheduleAsync(string code, long timerId, DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        var due = deadline - time.GetUtcNow();
        ITimer? timer = null;
        timer = time.CreateTimer(_ =>
        {
            // Only the timer still registered for the code removes itself; a replaced one just fires (and is fenced).
            if (timer is not null && _timers.TryRemove(new KeyValuePair<string, ITimer>(code, timer)))
            {
                timer.Dispose();
            }

            _onDue?.Invoke(code, timerId);
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (_timers.TryGetValue(code, out var previous))
        {
            previous.Dispose();
        }

        _timers[code] = timer;
        timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        return ValueTask.CompletedTask;
    }

    public ValueTask TimerChangedAsync(string code, long timerId, DateTimeOffset? deadline, CancellationToken cancellationToken = default)
    {
        if (deadline is { } due)
        {
            return ScheduleAsync(code, timerId, due, cancellationToken);
        }

        if (_timers.TryRemove(code, out var timer))
        {
            timer.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Dispose();
        }

        _timers.Clear();
    }
}
