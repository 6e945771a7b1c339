using Bunit;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Tests.Core;
using PartyProtocol.Tests.Core.Cartridges.Quiz;

namespace PartyProtocol.Tests.Web.Components.Cartridges.Quiz;

public sealed class QuizPlayerViewTests : QuizScreensTestBase
{
    [Fact]
    public async Task ThePhoneShowsOnlyTheColouredShapeButtonsAndTheFirstTapLocksTheAnswer()
    {
        var game = await QuizRoomAsync(null, "Ann", "Bob");
        var phone = await RenderPhoneAsync(game, "Ann");
        await game.PlayAsync().OkAsync();

        phone.WaitForAssertion(() => Assert.Equal(4, phone.FindAll("[data-testid=choice-buttons] button").Count), Wait);
        var state = await game.QuizStateAsync();
        var buttons = phone.FindAll("[data-testid=choice-buttons] button");
        // Shapes to tap, with each choice's text only as the button's accessible name; the question is on the big screen,
        // and on the phone only in the live region a screen reader reads out.
        var live = phone.Find("[data-testid=live-polite]");
        Assert.Contains(state.Round.Text, live.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(state.Round.Text, phone.Markup.Replace(live.OuterHtml, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal($"{buttons[0].GetAttribute("data-shape")}: {state.Round.Choices[0]}", buttons[0].GetAttribute("aria-label"));
        Assert.All(buttons, b => Assert.Equal("", b.TextContent.Trim()));

        var correct = state.Round.Correct;
        phone.Find($"[data-testid=choice-buttons] button[data-choice='{correct}']").Click();

        phone.WaitForAssertion(() => Assert.NotEmpty(phone.FindAll("[data-testid=waiting]")), Wait);
        Assert.Equal(correct.ToString(System.Globalization.CultureInfo.InvariantCulture), phone.Find("[data-testid=picked-choice]").GetAttribute("data-choice"));
        Assert.Contains("Waiting for Bob", phone.Find("[data-testid=waiting-for]").TextContent, StringComparison.Ordinal);
        Assert.Equal(correct, (await game.QuizStateAsync()).Answers[game.Id("Ann")].Choice);
    }

    [Fact]
    public async Task AfterTheQuestionEachPhoneSaysRightOrWrongWithThePointsAndTheStreak()
    {
        var game = await QuizRoomAsync(new { questions = 5, leaderboard = "end_only" }, "Ann", "Bob");
        var ann = await RenderPhoneAsync(game, "Ann");
        var bob = await RenderPhoneAsync(game, "Bob");
        await game.PlayAsync().OkAsync();

        for (var number = 1; number <= 2; number++)
        {
            await game.WaitForQuizPhaseAsync(QuizPhases.Question, number);
            await game.AnswerAsync("Ann", await game.CorrectAsync()).OkAsync();
            await game.AnswerAsync("Bob", await game.WrongAsync()).OkAsync();
            if (number == 1)
            {
                await game.OwnerMoveAsync("next").OkAsync();
            }
        }

        ann.WaitForAssertion(() => Assert.Equal("true", ann.Find("[data-testid=verdict]").GetAttribute("data-correct")), Wait);
        Assert.Contains("Correct!", ann.Find("[data-testid=verdict]").TextContent, StringComparison.Ordinal);
        Assert.Equal("+1100", ann.Find("[data-testid=verdict-points]").TextContent);
        Assert.Equal("🔥 2 in a row", ann.Find("[data-testid=streak]").TextContent);
        Assert.Equal("2100", ann.Find("[data-testid=my-score]").GetAttribute("data-score"));

        bob.WaitForAssertion(() => Assert.Equal("false", bob.Find("[data-testid=verdict]").GetAttribute("data-correct")), Wait);
        Assert.Contains("Wrong", bob.Find("[data-testid=verdict]").TextContent, StringComparison.Ordinal);
        Assert.Empty(bob.FindAll("[data-testid=verdict-points]"));
    }

    [Fact]
    public async Task TheButtonsStayDisabledUntilTheCircuitIsInteractive()
    {
        var game = await QuizRoomAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        var view = await game.ViewAsync("Ann");
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", false));

        var cut = Render<PartyProtocol.Web.Components.Cartridges.Quiz.QuizPlayerView>(p => p
            .Add(v => v.View, view)
            .Add(v => v.Move, (_, _) => Task.FromResult(PartyProtocol.Core.Engine.Result<PartyProtocol.Core.Sessions.MoveReply>.Ok(new(0, null)))));

        Assert.All(cut.FindAll("[data-testid=choice-buttons] button"), b => Assert.True(b.HasAttribute("disabled")));
    }
}
