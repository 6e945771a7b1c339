using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Play;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Cartridges.Quiz;

public sealed class QuizGameTests
{
    private static readonly object FiveQuickQuestions = new { questions = 5, secondsPerQuestion = 20, leaderboard = "every_2", doublePointsLastQuestion = false };

    private static TestEngine SmallEngine() => QuizTestGame.Engine(new QuizPackBuilder().WithQuestions(12).Build());

    [Fact]
    public async Task TheFirstTapLocksTheAnswerAndTheQuestionEndsWhenEveryoneHasAnswered()
    {
        using var engine = SmallEngine();
        var game = await engine.CreateQuizAsync(FiveQuickQuestions, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        var correct = await game.CorrectAsync();
        var reply = await game.AnswerAsync("Ann", correct).OkAsync();
        Assert.Equal(new AnswerLocked(true, correct), reply.Result);
        await game.AnswerAsync("Ann", await game.WrongAsync()).RefusedAsync(ErrorCodes.AlreadySubmitted);
        Assert.Equal(QuizPhases.Question, (await game.QuizStateAsync()).Phase);

        await game.AnswerAsync("Bob", await game.WrongAsync()).OkAsync();

        var state = await game.QuizStateAsync();
        Assert.Equal(QuizPhases.Results, state.Phase);
        Assert.True(state.Outcomes.Single(o => o.Name == "Ann").Correct);
        Assert.False(state.Outcomes.Single(o => o.Name == "Bob").Correct);
        Assert.Equal(0, state.Outcomes.Single(o => o.Name == "Bob").Points);
    }

    [Fact]
    public async Task ACorrectAnswerScoresByItsSpeedAndPausedTimeNeverCounts()
    {
        using var engine = SmallEngine();
        var game = await engine.CreateQuizAsync(FiveQuickQuestions, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        engine.Time.Advance(TimeSpan.FromSeconds(5));
        await game.PauseAsync().OkAsync();
        engine.Time.Advance(TimeSpan.FromMinutes(3));
        await game.AnswerAsync("Ann", 0).RefusedAsync(ErrorCodes.Paused);
        await game.PlayAsync().OkAsync();
        engine.Time.Advance(TimeSpan.FromSeconds(3));
        await game.AnswerAsync("Ann", await game.CorrectAsync()).OkAsync();
        await game.AnswerAsync("Bob", await game.CorrectAsync()).OkAsync();

        var state = await game.QuizStateAsync();
        // 8 s of 20 s counted (the 3 minutes paused did not): round(1000 × (1 − 0.4 / 2)) = 800; Bob answered at the same moment.
        Assert.Equal(800, state.Outcomes.Single(o => o.Name == "Ann").Points);
        Assert.Equal(800, state.Scores[game.Id("Bob")]);
    }

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(10_000, 750)]
    [InlineData(20_000, 500)]
    [InlineData(5_000, 875)]
    [InlineData(1_234, 969)]
    public void SpeedPointsFollowKahootsFormula(long elapsedMs, int points) =>
        Assert.Equal(points, QuizScoring.SpeedPoints(elapsedMs, 20_000));

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 100)]
    [InlineData(3, 200)]
    [InlineData(6, 500)]
    [InlineData(11, 500)]
    public void TheStreakBonusGrowsByAHundredPerAnswerUpToFiveHundred(int streak, int bonus) =>
        Assert.Equal(bonus, QuizScoring.StreakBonus(streak));

    [Fact]
    public async Task AStreakAddsItsBonusAndAWrongOrMissingAnswerBreaksIt()
    {
        using var engine = SmallEngine();
        var game = await engine.CreateQuizAsync(new { questions = 5, leaderboard = "end_only", doublePointsLastQuestion = false }, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        var expected = new List<(int Points, int Streak)>();
        for (var number = 1; number <= 4; number++)
        {
            await game.WaitForQuizPhaseAsync(QuizPhases.Question, number);
            // Ann answers at once: right, right, right, then wrong. Bob never answers.
            await game.AnswerAsync("Ann", number < 4 ? await game.CorrectAsync() : await game.WrongAsync()).OkAsync();
            engine.Time.Advance(TimeSpan.FromSeconds(20));
            var results = await game.WaitForQuizPhaseAsync(QuizPhases.Results, number);
            var ann = results.Outcomes.Single(o => o.Name == "Ann");
            var bob = results.Outcomes.Single(o => o.Name == "Bob");
            expected.Add((ann.Points, ann.Streak));
            Assert.False(bob.Answered);
            Assert.Equal((0, 0), (bob.Points, bob.Streak));
            await game.OwnerMoveAsync("next").OkAsync();
        }

        Assert.Equal([(1000, 1), (1100, 2), (1200, 3), (0, 0)], expected);
        Assert.Equal(3300, (await game.QuizStateAsync()).Scores[game.Id("Ann")]);
    }

    [Fact]
    public async Task TheLastQuestionScoresDoubleWhenTheSettingIsOn()
    {
        using var engine = SmallEngine();
        var game = await engine.CreateQuizAsync(new { questions = 5, leaderboard = "end_only", doublePointsLastQuestion = true }, "Ann");
        await game.PlayAsync().OkAsync();

        for (var number = 1; number <= 5; number++)
        {
            var state = await game.WaitForQuizPhaseAsync(QuizPhases.Question, number);
            Assert.Equal(number == 5, state.Round.DoublePoints);
            Assert.Equal(number == 5, (await game.QuizViewAsync()).Question.DoublePoints);
            // Wrong until the last, so no streak muddles the numbers: the last is worth 2 × 1000.
            await game.AnswerAsync("Ann", number == 5 ? await game.CorrectAsync() : await game.WrongAsync()).OkAsync();
            if (number < 5)
            {
                await game.OwnerMoveAsync("next").OkAsync();
            }
        }

        var last = await game.QuizStateAsync();
        Assert.Equal(2000, last.Outcomes.Single().Points);
    }

    [Fact]
    public async Task TheLeaderboardShowsEveryNQuestionsWithRankChangesAndThePodiumEndsTheGame()
    {
        using var engine = SmallEngine();
        var game = await engine.CreateQuizAsync(FiveQuickQuestions, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();

        var phases = new List<string>();
        for (var number = 1; number <= 5; number++)
        {
            await game.WaitForQuizPhaseAsync(QuizPhases.Question, number);
            // Bob is right only on question 3 and later, so he climbs past Cy at the second leaderboard.
            await game.AnswerAsync("Ann", await game.CorrectAsync()).OkAsync();
            await game.AnswerAsync("Bob", number >= 3 ? await game.CorrectAsync() : await game.WrongAsync()).OkAsync();
            await game.AnswerAsync("Cy", number == 1 ? await game.CorrectAsync() : await game.WrongAsync()).OkAsync();
            phases.Add((await game.QuizStateAsync()).Phase);
            engine.Time.Advance(TimeSpan.FromSeconds(QuizSettings.ResultsSeconds));
            var after = await game.WaitForQuizAsync(s => s.Phase != QuizPhases.Results, "the end of the results");
            phases.Add(after.Phase);
            if (after.Phase == QuizPhases.Leaderboard)
            {
                var board = await game.QuizViewAsync();
                if (number == 4)
                {
                    var bob = board.Scores.Single(p => p.Name == "Bob");
                    Assert.Equal((2, 3), (bob.Rank, bob.PreviousRank!.Value));
                }

                engine.Time.Advance(TimeSpan.FromSeconds(QuizSettings.LeaderboardSeconds));
            }
        }

        Assert.Equal(
            ["results", "question", "results", "leaderboard", "results", "question", "results", "leaderboard", "results", "game_over"],
            phases);
        var final = (await game.QuizStateAsync()).Final!;
        Assert.Equal(["Ann", "Bob", "Cy"], final.Rankings.Select(r => r.Name));
        Assert.Equal(SessionStatus.Finished, (await engine.Store.GetAsync(game.Code))!.Status);
    }

    [Fact]
    public async Task TheAwardsNameTheFastestFingerTheLongestStreakAndTheComeback()
    {
        using var engine = SmallEngine();
        var game = await engine.CreateQuizAsync(new { questions = 5, leaderboard = "end_only", doublePointsLastQuestion = true }, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        for (var number = 1; number <= 5; number++)
        {
            await game.WaitForQuizPhaseAsync(QuizPhases.Question, number);
            if (number == 1)
            {
                // Ann leads after one question, with the fastest answer of the game (0.5 s).
                engine.Time.Advance(TimeSpan.FromMilliseconds(500));
                await game.AnswerAsync("Ann", await game.CorrectAsync()).OkAsync();
                await game.AnswerAsync("Bob", await game.WrongAsync()).OkAsync();
            }
            else
            {
                // Then Bob answers right every time (a streak of 4), 2 s in, and Ann is wrong: Bob climbs from 2nd to 1st.
                engine.Time.Advance(TimeSpan.FromSeconds(2));
                await game.AnswerAsync("Bob", await game.CorrectAsync()).OkAsync();
                await game.AnswerAsync("Ann", await game.WrongAsync()).OkAsync();
            }

            await game.OwnerMoveAsync("next").OkAsync();
        }

        var final = (await game.WaitForQuizPhaseAsync(QuizPhases.GameOver)).Final!;
        Award Award(string key) => final.Awards.Single(a => a.Key == key);
        Assert.Equal("Ann", Assert.Single(Award("fastest_finger").Winners).Name);
        Assert.Equal("0.5 s", Award("fastest_finger").Detail);
        Assert.Equal("Bob", Assert.Single(Award("longest_streak").Winners).Name);
        Assert.Equal("4 in a row", Award("longest_streak").Detail);
        Assert.Equal("Bob", Assert.Single(Award("comeback").Winners).Name);
        Assert.Equal("Bob", Assert.Single(Award("brainbox").Winners).Name);
        Assert.Equal("Bob", final.Rankings[0].Name);
    }

    [Fact]
    public async Task TheHostMovesOnFromTheResultsButCannotCutAnOpenQuestionShort()
    {
        using var engine = SmallEngine();
        var game = await engine.CreateQuizAsync(FiveQuickQuestions, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        await game.OwnerMoveAsync("next").RefusedAsync(ErrorCodes.WrongPhase);
        await game.AnswerAsync("Ann", 0).OkAsync();
        await game.OwnerMoveAsync("next").RefusedAsync(ErrorCodes.WrongPhase);
        await game.AnswerAsync("Bob", 0).OkAsync();

        await game.OwnerMoveAsync("next").OkAsync();
        var state = await game.QuizStateAsync();
        Assert.Equal((QuizPhases.Question, 2), (state.Phase, state.Number));
        await game.MoveAsync("Ann", "next").RefusedAsync(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task AChoiceTheQuestionDoesNotHaveIsRefusedWithItsOwnCode()
    {
        using var engine = SmallEngine();
        var game = await engine.CreateQuizAsync(FiveQuickQuestions, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        var error = await game.AnswerAsync("Ann", 4).RefusedAsync(QuizErrors.UnknownChoice);
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("choice", error.Errors!.Keys);
        await game.AnswerAsync("Ann", -1).RefusedAsync(QuizErrors.UnknownChoice);
        Assert.Empty((await game.QuizStateAsync()).Answers);
    }

    [Fact]
    public async Task ADisconnectedPlayerDoesNotHoldTheQuestionUp()
    {
        using var engine = SmallEngine();
        var game = await engine.CreateQuizAsync(FiveQuickQuestions, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        await game.AnswerAsync("Ann", 0).OkAsync();
        await engine.Service.SetConnectedAsync(game.Code, game.Id("Bob"), connected: false).OkAsync();
        Assert.Equal(QuizPhases.Question, (await game.QuizStateAsync()).Phase);
        engine.Time.Advance(new GameSessionOptions().ReconnectGrace);

        await game.WaitForQuizPhaseAsync(QuizPhases.Results);
    }

    [Fact]
    public async Task TheSameSeedDealsTheSameQuestionsInTheSameOrderAndTheCorrectChoiceMovesAround()
    {
        using var first = SmallEngine();
        using var second = SmallEngine();
        var a = await first.CreateQuizAsync(new { questions = 10 }, "Ann");
        var b = await second.CreateQuizAsync(new { questions = 10 }, "Ann");
        await a.ReseedAsync(4242);
        await b.ReseedAsync(4242);
        await a.PlayAsync().OkAsync();
        await b.PlayAsync().OkAsync();

        var sa = await a.QuizStateAsync();
        var sb = await b.QuizStateAsync();
        Assert.Equal(sa.QuestionIds, sb.QuestionIds);
        Assert.Equal(sa.Round with { Choices = [] }, sb.Round with { Choices = [] });
        Assert.Equal(sa.Round.Choices, sb.Round.Choices);
        Assert.Equal(10, sa.QuestionIds.Distinct().Count());

        // Every pack puts its correct choice first; on screen it lands in different places across the game.
        var positions = new HashSet<int>();
        for (var number = 1; number <= 10; number++)
        {
            var state = await a.WaitForQuizPhaseAsync(QuizPhases.Question, number);
            positions.Add(state.Round.Correct);
            Assert.StartsWith("right ", state.Round.Choices[state.Round.Correct], StringComparison.Ordinal);
            await a.AnswerAsync("Ann", 0).OkAsync();
            await a.OwnerMoveAsync("next").OkAsync();
            if ((await a.QuizStateAsync()).Phase == QuizPhases.Leaderboard)
            {
                await a.OwnerMoveAsync("next").OkAsync();
            }
        }

        Assert.True(positions.Count > 1, "The correct choice was always in the same place.");
    }

    [Fact]
    public async Task AQuestionWithItsOwnTimeLimitUsesItScaledByTheTimerScale()
    {
        using var engine = QuizTestGame.Engine(new QuizPackBuilder().WithQuestions(6, timeLimitSeconds: 40).Build());
        var game = await engine.CreateQuizAsync(new { questions = 5, secondsPerQuestion = 10, timerScale = 1.5 }, "Ann");
        await game.PlayAsync().OkAsync();

        var view = await game.ViewAsync();
        Assert.Equal(60_000, view.Clock!.DurationMs);
        Assert.Equal(60_000, ((QuizView)view.State!).Question.TimeLimitMs);
    }
}
