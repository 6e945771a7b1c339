using PartyProtocol.Bench.Measurement;
using PartyProtocol.Core.Cartridges.Bluff;

namespace PartyProtocol.Bench.Load;

/// <summary>
/// Bluff's timed phases as a client sees them. The lie and guess events carry their deadline; a reveal step and the
/// scoreboard last a configured time from their own <c>at</c> (the server arms the timer with the same instant).
/// </summary>
public sealed class BluffPhaseClock(BenchOptions options) : IPhaseClock
{
    public bool OpensPhase(ReceivedEvent received) => received.Type is BluffEvents.LieStarted or BluffEvents.GuessStarted
        or BluffEvents.ScoresCalculated or BluffEvents.RevealStep or BluffEvents.Scoreboard or BluffEvents.GameOver;

    public DateTimeOffset? DeadlineArmedBy(ReceivedEvent received) => received.Type switch
    {
        BluffEvents.LieStarted or BluffEvents.GuessStarted => received.DataTime("deadline"),
        BluffEvents.RevealStep => received.At + TimeSpan.FromSeconds(options.RevealStepSeconds),
        BluffEvents.Scoreboard => received.At + TimeSpan.FromSeconds(options.ScoreboardSeconds),
        _ => null,
    };
}
