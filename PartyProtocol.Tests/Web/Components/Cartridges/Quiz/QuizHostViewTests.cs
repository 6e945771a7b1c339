using Bunit;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Tests.Core;
using PartyProtocol.Tests.Core.Cartridges.Quiz;

namespace PartyProtocol.Tests.Web.Components.Cartridges.Quiz;

public sealed class QuizHostViewTests : QuizScreensTestBase
{
    [Fact]
    public async Task TheBigScreenShowsTheQuestionWithItsColouredShapedChoicesAndWhoHasAnswered()
    {
        var game = await QuizRoomAsync(null, "Ann", "Bob");
        var cut = RenderHostScreen(game);
        await game.PlayAsync().OkAsync();

        cut.WaitForAssertion(() => Assert.Equal("question", cut.Find("[data-testid=quiz-host]").GetAttribute("data-phase")), Wait);
        var state = await game.QuizStateAsync();
        Assert.Equal(state.Round.Text, cut.Find("[data-testid=quiz-question]").TextContent);
        var tiles = cut.FindAll("[data-testid=choice-board] li");
        Assert.Equal(state.Round.Choices, tiles.Select(t => t.QuerySelector(".choice-text")!.TextContent));
        Assert.Equal(["triangle", "diamond", "circle", "square"], tiles.Select(t => t.GetAttribute("data-shape")));
        Assert.All(tiles, t => Assert.NotNull(t.QuerySelector("svg.quiz-shape")));
        // Nothing on screen tells which choice is right while the question is open.
        Assert.All(tiles, t => Assert.Null(t.GetAttribute("data-correct")));
        Assert.Contains("Question 1", cut.Find("[data-testid=quiz-progress]").TextContent, StringComparison.Ordinal);

        await game.AnswerAsync("Ann", await game.CorrectAsync()).OkAsync();

        cut.WaitForAssertion(() => Assert.Equal("1 of 2 answers in", cut.Find("[data-testid=submission-count]").TextContent), Wait);
        Assert.Equal("true", cut.Find("[data-testid=player-chips] [data-player=Ann]").GetAttribute("data-done"));
    }

    [Fact]
    public async Task TheResultsShowHowManyPickedEachChoiceAndMarkTheCorrectOne()
    {
        var game = await QuizRoomAsync(null, "Ann", "Bob", "Cy");
        var cut = RenderHostScreen(game);
        await game.PlayAsync().OkAsync();
        var correct = await game.CorrectAsync();
        var wrong = await game.WrongAsync();
        await game.AnswerAsync("Ann", correct).OkAsync();
        await game.AnswerAsync("Bob", correct).OkAsync();
        await game.AnswerAsync("Cy", wrong).OkAsync();

        cut.WaitForAssertion(() => Assert.Equal("results", cut.Find("[data-testid=quiz-host]").GetAttribute("data-phase")), Wait);
        var right = cut.Find($"[data-testid=choice-board] li[data-choice='{correct}']");
        Assert.Equal("true", right.GetAttribute("data-correct"));
        Assert.Equal("2", right.QuerySelector("[data-testid=choice-count]")!.GetAttribute("data-count"));
        Assert.Contains("✓", right.TextContent, StringComparison.Ordinal);
        var other = cut.Find($"[data-testid=choice-board] li[data-choice='{wrong}']");
        Assert.Equal("false", other.GetAttribute("data-correct"));
        Assert.Equal("1", other.QuerySelector("[data-testid=choice-count]")!.GetAttribute("data-count"));
        Assert.Contains("✗", other.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOwnersNextButtonMovesFromTheResultsToTheLeaderboardAndOn()
    {
        var game = await QuizRoomAsync(new { questions = 5, leaderboard = "every_question" }, "Ann", "Bob");
        var cut = RenderHostScreen(game);
        await game.PlayAsync().OkAsync();
        await game.AnswerAsync("Ann", await game.CorrectAsync()).OkAsync();
        await game.AnswerAsync("Bob", await game.WrongAsync()).OkAsync();
        cut.WaitForAssertion(() => Assert.Equal("results", cut.Find("[data-testid=quiz-host]").GetAttribute("data-phase")), Wait);

        cut.Find("[data-testid=quiz-next]").Click();

        cut.WaitForAssertion(() => Assert.Equal("leaderboard", cut.Find("[data-testid=quiz-host]").GetAttribute("data-phase")), Wait);
        Assert.Equal(["Ann", "Bob"], cut.FindAll("[data-testid=scores] .score-row").Select(r => r.GetAttribute("data-player")));
        Assert.Equal("1000", cut.Find("[data-testid=scores] [data-player=Ann]").GetAttribute("data-score"));

        cut.Find("[data-testid=quiz-next]").Click();
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=quiz-host]").GetAttribute("data-number")), Wait);
        Assert.Empty(cut.FindAll("[data-testid=quiz-next]"));
    }

    [Fact]
    public async Task TheLeaderboardShowsTheAudienceAsOneUnrankedTeamWithItsScoreOnceItHasAnswered()
    {
        var game = await QuizRoomAsync(new { questions = 5, leaderboard = "every_question", doublePointsLastQuestion = false }, "Ann", "Bob");
        var cut = RenderHostScreen(game);
        await game.PlayAsync().OkAsync();

        // Question 1: nobody in the audience yet, so the leaderboard has players only.
        await game.AnswerAsync("Ann", await game.CorrectAsync()).OkAsync();
        await game.AnswerAsync("Bob", await game.WrongAsync()).OkAsync();
        cut.WaitForAssertion(() => Assert.Equal("results", cut.Find("[data-testid=quiz-host]").GetAttribute("data-phase")), Wait);
        cut.Find("[data-testid=quiz-next]").Click();
        cut.WaitForAssertion(() => Assert.Equal("leaderboard", cut.Find("[data-testid=quiz-host]").GetAttribute("data-phase")), Wait);
        Assert.Empty(cut.FindAll("[data-testid=audience-score]"));
        cut.Find("[data-testid=quiz-next]").Click();
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=quiz-host]").GetAttribute("data-number")), Wait);

        // Question 2: two members, one right: the team scores 1000 × ½.
        var audience = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            audience.Add((await Engine.Service.JoinAudienceAsync(game.Code, null).OkAsync()).AudienceToken);
        }

        var correct = await game.CorrectAsync();
        await Engine.Service.MoveAsync(game.Code, audience[0], "audience_answer", new QuizAnswerMove(correct)).OkAsync();
        await Engine.Service.MoveAsync(game.Code, audience[1], "audience_answer", new QuizAnswerMove(await game.WrongAsync())).OkAsync();
        await game.AnswerAsync("Ann", correct).OkAsync();
        await game.AnswerAsync("Bob", correct).OkAsync();
        cut.WaitForAssertion(() => Assert.Equal("results", cut.Find("[data-testid=quiz-host]").GetAttribute("data-phase")), Wait);
        cut.Find("[data-testid=quiz-next]").Click();

        cut.WaitForAssertion(() => Assert.Equal("500", cut.Find("[data-testid=audience-score]").GetAttribute("data-score")), Wait);
        var team = cut.Find("[data-testid=audience-score]");
        Assert.Contains("The audience", team.TextContent, StringComparison.Ordinal);
        // Beside the ranking, not in it: the ranked rows are the players alone.
        Assert.Null(team.Closest("[data-testid=scores]"));
        Assert.Equal(["Ann", "Bob"], cut.FindAll("[data-testid=scores] .score-row").Select(r => r.GetAttribute("data-player")));

        // The number is the big screen's: players and the audience's own view do not carry it.
        Assert.Equal(500, ((QuizView)(await game.ViewAsync()).State!).AudienceScore);
        Assert.Null(((QuizView)(await game.ViewAsync("Ann")).State!).AudienceScore);
        Assert.Null(((QuizView)(await Engine.Service.GetViewAsync(game.Code, audience[0]).OkAsync()).State!).AudienceScore);
    }

    [Fact]
    public async Task TheLastQuestionAnnouncesDoublePointsAndTheGameEndsOnThePodiumWithAwards()
    {
        var game = await QuizRoomAsync(new { questions = 5, leaderboard = "end_only" }, "Ann", "Bob");
        var cut = RenderHostScreen(game);
        await game.PlayAsync().OkAsync();
        for (var number = 1; number <= 5; number++)
        {
            await game.WaitForQuizPhaseAsync(QuizPhases.Question, number);
            if (number == 5)
            {
                cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=double-points]")), Wait);
            }

            await game.AnswerAsync("Ann", await game.CorrectAsync()).OkAsync();
            await game.AnswerAsync("Bob", await game.WrongAsync()).OkAsync();
            await game.OwnerMoveAsync("next").OkAsync();
        }

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=podium]")), Wait);
        Assert.Contains("Ann wins!", cut.Find("[data-testid=podium]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-testid=awards] [data-award=longest_streak]"));
        Assert.Contains("5 in a row", cut.Find("[data-award=longest_streak]").TextContent, StringComparison.Ordinal);
    }
}
