using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Web.Components.Pages.Host;

namespace PartyProtocol.Tests.Web.Components.Cartridges.Quiz;

public sealed class QuizSetupTests : QuizScreensTestBase
{
    // The setup form holds the preset picker; an anonymous host plays with the defaults.
    protected override void ConfigureServices()
    {
        base.ConfigureServices();
        AddPresets();
    }

    [Fact]
    public void TheHostPicksQuizAndGetsItsChoiceSettingsAndItsPacks()
    {
        var cut = Render<HostSetup>();

        Assert.Equal(["bluff", "quiz"], cut.FindAll("[data-testid=game-picker] button[data-game]").Select(b => b.GetAttribute("data-game")).Order(StringComparer.Ordinal));
        cut.Find("[data-testid=game-picker] button[data-game=quiz]").Click();

        Assert.Equal(["general"], cut.FindAll("[data-testid=pack-picker] [data-pack]").Select(c => c.GetAttribute("data-pack")));
        Assert.NotEmpty(cut.FindAll("[data-setting=leaderboard] .mud-select"));
        Assert.Equal("10", cut.Find("[data-setting=questions] input").GetAttribute("value"));
        Assert.Contains("Open a Quiz room", cut.Find("[data-testid=create-room]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyQuestionsForThePacksIsMarkedOnItsFieldAndTheRoomCannotBeOpened()
    {
        Navigation.NavigateTo("/host?game=quiz");
        var cut = Render<HostSetup>();

        cut.Find("[data-setting=questions] input").Input("20");

        cut.WaitForAssertion(() => Assert.Contains("Only 12 questions", cut.Find("[data-setting=questions]").TextContent, StringComparison.Ordinal));
        Assert.True(cut.Find("[data-testid=create-room]").HasAttribute("disabled"));
    }
}
