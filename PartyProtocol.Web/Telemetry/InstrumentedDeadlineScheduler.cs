using System.Diagnostics;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Web.Telemetry;

/// <summary>
/// Wraps the deadline scheduler: each firing runs in a span and a log scope with its room code, and how late it came
/// (now minus the deadline the session holds for that timer) goes to <c>partyprotocol.deadline.lateness</c>.
/// </summary>
internal sealed class InstrumentedDeadlineScheduler(IDeadlineScheduler inner, ISessionStore store, TimeProvider time,
    ILogger<InstrumentedDeadlineScheduler> logger) : IDeadlineScheduler
{
    public void Attach(Func<string, long, Task> onDue) => inner.Attach(async (code, timerId) =>
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { [PartyTelemetry.RoomCode] = code });
        using var activity = PartyTelemetry.Source.StartActivity("deadline", ActivityKind.Internal);
        activity?.SetTag("partyprotocol.room_code", code);
        await RecordLatenessAsync(code, timerId);
        await onDue(code, timerId);
    });

    public ValueTask ScheduleAsync(string code, long timerId, DateTimeOffset deadline, CancellationToken cancellationToken = default) =>
        inner.ScheduleAsync(code, timerId, deadline, cancellationToken);

    public ValueTask TimerChangedAsync(string code, long timerId, DateTimeOffset? deadline, CancellationToken cancellationToken = default) =>
        inner.TimerChangedAsync(code, timerId, deadline, cancellationToken);

    private async Task RecordLatenessAsync(string code, long timerId)
    {
        try
        {
            // The session says when this timer was due, whichever instance set it; a stale or early firing is not a deadline met.
            var session = await store.GetAsync(code);
            if (session is { Clock.Deadline: { } due } && session.Clock.TimerId == timerId && time.GetUtcNow() >= due)
            {
                PartyTelemetry.DeadlineLateness.Record((time.GetUtcNow() - due).TotalSeconds);
            }
        }
        catch (SessionStoreUnavailableException)
        {
            // The firing itself will meet the same fault and be retried; the measurement is simply skipped.
        }
    }
}
