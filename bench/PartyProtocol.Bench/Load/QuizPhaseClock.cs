using PartyProtocol.Bench.Measurement;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Cartridges.Quiz;

namespace PartyProtocol.Bench.Load;

/// <summary>
/// Quiz's timed phases as a client sees them: a question carries its deadline; the results and the leaderboard last a
/// fixed time from their own <c>at</c> (at timer scale 1), unless the owner moves on first.
/// </summary>
public sealed class QuizPhaseClock : IPhaseClock
{
    public bool OpensPhase(ReceivedEvent received) => received.Type is QuizEvents.QuestionStarted or QuizEvents.QuestionResults
        or QuizEvents.Leaderboard or BluffEvents.GameOver;

    public DateTimeOffset? DeadlineArmedBy(ReceivedEvent received) => received.Type switch
    {
        QuizEvents.QuestionStarted => received.DataTime("deadline"),
        QuizEvents.QuestionResults => received.At + TimeSpan.FromSeconds(QuizSettings.ResultsSeconds),
        QuizEvents.Leaderboard => received.At + TimeSpan.FromSeconds(QuizSettings.LeaderboardSeconds),
        _ => null,
    };
}
