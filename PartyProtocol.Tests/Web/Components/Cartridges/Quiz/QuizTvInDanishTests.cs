using System.Text.RegularExpressions;
using Bunit;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Tests.Core;
using PartyProtocol.Tests.Core.Cartridges.Quiz;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Web.Components.Cartridges.Quiz;

/// <summary>A big screen that speaks Danish shows Quiz's question, results, leaderboard and podium in Danish.</summary>
public sealed class QuizTvInDanishTests : QuizScreensTestBase
{
    protected override string? Language => "da";

    [Fact]
    public async Task TheQuestionTheResultsTheLeaderboardAndThePodiumSpeakDanish()
    {
        var game = await QuizRoomAsync(new { questions = 5, leaderboard = "every_2" }, "Ann", "Bob");
        var cut = RenderHostScreen(game);
        await game.PlayAsync().OkAsync();

        // The question.
        await game.WaitForQuizPhaseAsync(QuizPhases.Question, 1);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-phase=question]")), Wait);
        string?[] own = await OwnWordsAsync(game);
        Assert.Equal("Spørgsmål 1 af 5", Text(cut.Find(".quiz-host-progress")));
        Assert.Equal("0 af 2 har svaret", cut.Find("[data-testid=submission-count]").TextContent);
        NoEnglish.AssertTv(cut.Find("[data-testid=quiz-host]"), own);

        // The results.
        await game.AnswerAsync("Ann", await game.CorrectAsync()).OkAsync();
        await game.AnswerAsync("Bob", await game.WrongAsync()).OkAsync();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-phase=results]")), Wait);
        Assert.Equal("rigtigt", cut.Find("[data-correct=true] .choice-mark").GetAttribute("aria-label"));
        Assert.Equal("Næste", Text(cut.Find("[data-testid=quiz-next]")));
        NoEnglish.AssertTv(cut.Find("[data-testid=quiz-host]"), own);

        // The leaderboard, after the second question.
        await game.OwnerMoveAsync("next").OkAsync();
        await game.WaitForQuizPhaseAsync(QuizPhases.Question, 2);
        own = [.. own, .. await OwnWordsAsync(game)];
        await game.AnswerAsync("Ann", await game.CorrectAsync()).OkAsync();
        await game.AnswerAsync("Bob", await game.WrongAsync()).OkAsync();
        await game.OwnerMoveAsync("next").OkAsync();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-phase=leaderboard]")), Wait);
        var leaderboard = cut.Find("[data-testid=quiz-host]");
        Assert.Contains("Efter spørgsmål 2 af 5", leaderboard.TextContent, StringComparison.Ordinal);
        Assert.Contains("Stillingen", leaderboard.TextContent, StringComparison.Ordinal);
        Assert.Equal("Næste spørgsmål", Text(cut.Find("[data-testid=quiz-next]")));
        NoEnglish.AssertTv(leaderboard, own);

        // The rest, then the last question and the podium.
        await game.OwnerMoveAsync("next").OkAsync();
        for (var number = 3; number <= 4; number++)
        {
            await game.WaitForQuizPhaseAsync(QuizPhases.Question, number);
            await game.AnswerAsync("Ann", await game.CorrectAsync()).OkAsync();
            await game.AnswerAsync("Bob", await game.WrongAsync()).OkAsync();
            await game.OwnerMoveAsync("next").OkAsync();
            if ((await game.QuizStateAsync()).Phase == QuizPhases.Leaderboard)
            {
                await game.OwnerMoveAsync("next").OkAsync();
            }
        }

        await game.WaitForQuizPhaseAsync(QuizPhases.Question, 5);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=double-points]")), Wait);
        Assert.Equal("Dobbelte point! ×2", cut.Find("[data-testid=double-points]").TextContent);
        await game.AnswerAsync("Ann", await game.CorrectAsync()).OkAsync();
        await game.AnswerAsync("Bob", await game.WrongAsync()).OkAsync();
        cut.WaitForAssertion(() => Assert.Equal("Slutresultat", Text(cut.Find("[data-testid=quiz-next]"))), Wait);
        await game.OwnerMoveAsync("next").OkAsync();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=podium]")), Wait);
        Assert.Contains("Ann vinder!", cut.Find("[data-testid=podium]").TextContent, StringComparison.Ordinal);
        var details = (await game.ViewAsync()).State is QuizView { Final: { } final } ? final.Awards.Select(a => a.Detail).ToArray() : [];
        NoEnglish.AssertTv(cut.Find("[data-testid=quiz-host]"), details);
    }

    private static async Task<string?[]> OwnWordsAsync(TestGame game)
    {
        var question = ((QuizView)(await game.ViewAsync()).State!).Question;
        return [question.Text, question.Category, .. question.Choices.Select(c => c.Text)];
    }

    private static string Text(AngleSharp.Dom.IElement element) => Regex.Replace(element.TextContent, @"\s+", " ").Trim();
}
