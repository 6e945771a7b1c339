namespace PartyProtocol.Bench.Measurement;

/// <summary>
/// Which events open a phase and which phase deadline each one arms: the knowledge needed to tell a transition caused
/// by a deadline (its first event is stamped at or after the armed deadline) from one caused by the last move.
/// </summary>
public interface IPhaseClock
{
    bool OpensPhase(ReceivedEvent received);

    /// <summary>The deadline the phase opened by <paramref name="received"/> ends at, if it is timed.</summary>
    DateTimeOffset? DeadlineArmedBy(ReceivedEvent received);
}

/// <summary>
/// Follows one connection's event stream and reports each deadline-caused transition (its first event's seq and the
/// deadline that caused it). Every connection of a session sees the same stream, so each reaches the same verdict.
/// </summary>
public sealed class DeadlineWatcher(IPhaseClock clock)
{
    private DateTimeOffset? _armed;

    /// <summary>The deadline that <paramref name="received"/> was caused by, or null.</summary>
    public DateTimeOffset? Observe(ReceivedEvent received)
    {
        if (!clock.OpensPhase(received))
        {
            return null;
        }

        var caused = _armed is { } deadline && received.At >= deadline ? deadline : (DateTimeOffset?)null;
        // A batch such as scores_calculated + the first reveal.step is one transition: only its first event counts.
        _armed = clock.DeadlineArmedBy(received);
        return caused;
    }
}
