using Bunit;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Components.Shared;

namespace PartyProtocol.Tests.Web.Components.Shared;

/// <summary>
/// The pack picker in Danish: its words, and each built-in pack named as its pack in the room's language is (the packs of
/// every language share their keys), else as the English one.
/// </summary>
public sealed class PackPickerInDanishTests : ScreensTestBase
{
    private static readonly Lazy<ICartridge> Quiz = new(() => new QuizCartridge(QuizContent.Load()));

    protected override string? Language => "da";

    [Fact]
    public void APackIsNamedInTheRoomsLanguageWhereItHasOne()
    {
        var danish = RenderPicker("da");
        var english = RenderPicker("en");

        Assert.Equal("Kultur og underholdning", Name(danish, "arts"));
        Assert.Equal("Arts & Entertainment", Name(english, "arts"));
        // Only in English, or only in Danish: the one name there is, and it says why it can't be picked in the other room.
        Assert.Equal("Space (ikke på dette sprog)", Name(danish, "space"));
        Assert.Equal("Danmark (ikke på dette sprog)", Name(english, "denmark"));
    }

    [Fact]
    public void APackWithNoQuestionsInTheRoomsLanguageCannotBePickedButOneAlreadyChosenCanBeTakenOff()
    {
        // space was chosen for an English room before the host made it Danish; science was not chosen.
        var cut = Render<PackPicker>(p => p.Add(c => c.Game, Quiz.Value).Add(c => c.Language, "da").Add(c => c.Selected, ["space"]));

        Assert.Equal("false", cut.Find("[data-pack=science]").GetAttribute("data-playable"));
        Assert.Contains("disabled", cut.Find("[data-pack=science]").ClassName, StringComparison.Ordinal);
        Assert.Equal("false", cut.Find("[data-pack=space]").GetAttribute("data-playable"));
        Assert.DoesNotContain("disabled", cut.Find("[data-pack=space]").ClassName, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("[data-pack=history]").GetAttribute("data-playable"));
        Assert.DoesNotContain("disabled", cut.Find("[data-pack=history]").ClassName, StringComparison.Ordinal);
        // Without a room language (the screen's), nothing is ruled out.
        Assert.Equal("true", RenderPicker(null).Find("[data-pack=science]").GetAttribute("data-playable"));
    }

    [Fact]
    public void WithoutARoomLanguageThePacksAreNamedInTheScreensLanguage()
    {
        var cut = RenderPicker(null);

        Assert.Equal("Kultur og underholdning", Name(cut, "arts"));
    }

    [Fact]
    public void ThePickersWordsSpeakDanish()
    {
        var cut = RenderPicker("da");

        Assert.Equal("Spørgsmål fra", cut.Find(".setting-label").TextContent.Trim());
        Assert.Equal("Intet valgt: alle indbyggede pakker på rummets sprog.", cut.Find("[data-testid=pack-summary]").TextContent.Trim());

        cut.Find("[data-pack=arts]").Click();
        cut.Find("[data-pack=history]").Click();

        cut.WaitForAssertion(() => Assert.Equal("2 valgt.", cut.Find("[data-testid=pack-summary]").TextContent.Trim()));
        Assert.DoesNotContain("chosen", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Questions from", cut.Markup, StringComparison.Ordinal);
    }

    private IRenderedComponent<PackPicker> RenderPicker(string? language) =>
        Render<PackPicker>(p => p.Add(c => c.Game, Quiz.Value).Add(c => c.Language, language));

    private static string Name(IRenderedComponent<PackPicker> cut, string pack) => cut.Find($"[data-pack={pack}]").TextContent.Trim();
}
