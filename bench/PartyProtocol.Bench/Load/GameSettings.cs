namespace PartyProtocol.Bench.Load;

/// <summary>The body of <c>POST /api/sessions</c> for the benchmark's game, with its short timers.</summary>
public static class GameSettings
{
    public static object For(BenchOptions options) => options.Game == BenchGame.Quiz
        ? new
        {
            game = options.GameKey,
            settings = new
            {
                questions = options.Questions,
                secondsPerQuestion = options.QuestionSeconds,
                leaderboard = "end_only",
                doublePointsLastQuestion = true,
                timerScale = 1,
                maxPlayers = Math.Max(2, options.Players),
                familyFriendly = true,
            },
        }
        : new
        {
            game = options.GameKey,
            settings = new
            {
                rounds = options.Rounds,
                lieSeconds = options.LieSeconds,
                guessSeconds = options.GuessSeconds,
                revealStepSeconds = options.RevealStepSeconds,
                scoreboardSeconds = options.ScoreboardSeconds,
                timerScale = 1,
                maxPlayers = options.Players,
                familyFriendly = true,
            },
        };
}
