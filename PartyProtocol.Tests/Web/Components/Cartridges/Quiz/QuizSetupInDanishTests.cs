using Bunit;
using PartyProtocol.Tests.Web.Components.Host;
using PartyProtocol.Web.Components.Pages.Host;

namespace PartyProtocol.Tests.Web.Components.Cartridges.Quiz;

/// <summary>A host whose browser speaks Danish sets Quiz up in Danish: its description, its settings and their options, its own rules.</summary>
public sealed class QuizSetupInDanishTests : QuizScreensTestBase
{
    protected override void ConfigureServices()
    {
        base.ConfigureServices();
        AddPresets();
    }

    protected override string? Language => "da";

    [Fact]
    public void QuizsSettingsAndTheirOptionsSpeakDanish()
    {
        Navigation.NavigateTo("/host?game=quiz");
        var cut = Render<HostSetup>();

        Assert.Equal("Find det rigtige svar før alle andre: hurtige svar og mange rigtige i træk giver flere point.",
            cut.Find("[data-game=quiz] .setup-game-description").TextContent);
        Assert.Equal("Spørgsmål", cut.Find("[data-setting=questions] label").TextContent.Trim());
        Assert.Contains("Antal spørgsmål i spillet. (5–30)", cut.Find("[data-setting=questions]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Sekunder pr. spørgsmål", cut.Find("[data-setting=secondsPerQuestion] label").TextContent.Trim());
        Assert.Contains("Stillingen", cut.Find("[data-setting=leaderboard] label").TextContent, StringComparison.Ordinal);
        Assert.Equal("Efter hvert 3. spørgsmål", cut.Find("[data-setting=leaderboard] input").GetAttribute("value"));
        Assert.Contains("Hvornår stillingen bliver vist mellem spørgsmålene.", cut.Find("[data-setting=leaderboard]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Dobbelt point på sidste spørgsmål", cut.Find("[data-setting=doublePointsLastQuestion]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Åbn et rum med Quiz", cut.Find("[data-testid=create-room]").TextContent.Trim());

        SetupEnglish.AssertNone(cut.Find("section.setup"), SetupEnglish.Sentences(Engine.Service.Games, "da"),
            cut.FindAll("[data-pack]").Select(p => p.TextContent.Trim()));
    }

    [Fact]
    public void MoreQuestionsThanThePacksHoldIsRefusedInDanish()
    {
        Navigation.NavigateTo("/host?game=quiz");
        var cut = Render<HostSetup>();

        cut.Find("[data-setting=questions] input").Input("20");

        cut.WaitForAssertion(() => Assert.Contains(
            "Der er ikke så mange spørgsmål i de valgte pakker med disse indstillinger. Vælg færre spørgsmål eller flere pakker.",
            cut.Find("[data-setting=questions]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Only 12 questions", cut.Find("[data-setting=questions]").TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=create-room]").HasAttribute("disabled"));
    }
}
