using System.Text.Json;
using Bunit;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Web.Components.Pages.Host;
using PartyProtocol.Web.Components.Shared;

namespace PartyProtocol.Tests.Web.Components.Host;

/// <summary>
/// A host whose browser speaks Danish sees the set-up page in Danish: its own words, the games' descriptions, every
/// setting's label, help, options and messages, the settings' source, and the pack and preset pickers.
/// </summary>
public sealed class HostSetupInDanishTests : ScreensTestBase
{
    protected override void ConfigureServices()
    {
        base.ConfigureServices();
        AddPresets();
    }

    protected override string? Language => "da";

    [Fact]
    public void TheHeadingTheRoomOptionsAndTheOpenButtonSpeakDanish()
    {
        var cut = Render<HostSetup>();

        Assert.Equal("Vær vært for et spil på denne skærm", cut.Find("h1").TextContent);
        Assert.Equal("Spil", cut.Find("[data-testid=game-picker]").GetAttribute("aria-label"));
        Assert.Contains("spillere", cut.Find("[data-game=bluff] .setup-game-players").TextContent, StringComparison.Ordinal);
        Assert.Contains("Streamertilstand", cut.Find("[data-testid=room-options]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Nulstil til standard", cut.Find("[data-testid=reset-settings]").TextContent.Trim());
        Assert.Equal("Åbn et rum med Bluff", cut.Find("[data-testid=create-room]").TextContent.Trim());
    }

    [Fact]
    public void TheGameTheSettingsAndThePickersSpeakDanishAndNoEnglishIsLeft()
    {
        var cut = Render<HostSetup>();

        Assert.Equal("Skriv en løgn, der er god nok til at narre dine venner – og find så sandheden blandt deres.",
            cut.Find("[data-game=bluff] .setup-game-description").TextContent);
        Assert.Equal("Runder", cut.Find("[data-setting=rounds] label").TextContent.Trim());
        Assert.Contains("Hver runde har ét spørgsmål, og sidste runde giver tredobbelte point. (1–20)",
            cut.Find("[data-setting=rounds]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Sekunder til løgnen", cut.Find("[data-setting=lieSeconds] label").TextContent.Trim());
        Assert.Equal(["1×", "1,5×", "2×"], cut.FindAll("[data-setting=timerScale] .mud-toggle-item").Select(i => i.TextContent.Trim()));
        Assert.Contains("Tidsfaktor", cut.Find("[data-setting=timerScale]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Maks. antal spillere", cut.Find("[data-setting=maxPlayers]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Børnevenlig", cut.Find("[data-setting=familyFriendly]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Kun spørgsmål, der passer til alle aldre.", cut.Find("[data-setting=familyFriendly]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Sprog", cut.Find("[data-setting=language] label").TextContent, StringComparison.Ordinal);
        // The room's language is named in its own language, as a list of languages reads in any of them.
        Assert.Equal("English", cut.Find("[data-setting=language] input").GetAttribute("value"));

        Assert.Equal("Standard", cut.Find("[data-testid=settings-source]").TextContent);
        Assert.Equal("Log ind for at bruge forudindstillinger", cut.Find("[data-testid=preset-slot] a.preset-sign-in").TextContent.Trim());
        Assert.Contains("Spørgsmål fra", cut.Find("[data-testid=pack-picker]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Intet valgt: alle indbyggede pakker på rummets sprog.", cut.Find("[data-testid=pack-summary]").TextContent.Trim());

        SetupEnglish.AssertNone(cut.Find("section.setup"), SetupEnglish.Sentences(Engine.Service.Games, "da"), PackNames(cut));
    }

    [Fact]
    public void AValueOutOfRangeIsRefusedInDanishWithTheAcceptedRange()
    {
        var cut = Render<HostSetup>();

        cut.Find("[data-setting=rounds] input").Input("25");

        cut.WaitForAssertion(() => Assert.Contains("Skriv et helt tal (1–20).", cut.Find("[data-setting=rounds]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Setting 'rounds'", cut.Find("[data-setting=rounds]").TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("button[data-testid=create-room]").HasAttribute("disabled"));
        Assert.Equal("Tilpasset", cut.Find("[data-testid=settings-source]").TextContent);
        Assert.Equal(["Forøg", "Formindsk"], cut.FindAll("[data-setting=rounds] button[aria-label]").Select(b => b.GetAttribute("aria-label")));

        cut.Find("[data-setting=lieSeconds] input").Input("abc");

        cut.WaitForAssertion(() => Assert.NotEqual("0", cut.Find("[data-setting=lieSeconds] input").GetAttribute("value")));
        Assert.True(cut.Find("button[data-testid=create-room]").HasAttribute("disabled"));
        SetupEnglish.AssertNone(cut.Find("section.setup"), SetupEnglish.Sentences(Engine.Service.Games, "da"), PackNames(cut));
    }

    [Fact]
    public async Task ADanishRoomNamesItsPacksInDanishAndAPackWithoutQuestionsInDanishIsRefusedInDanish()
    {
        var cut = Render<HostSetup>();
        Assert.Equal("Arts & Entertainment", cut.Find("[data-pack=arts]").TextContent.Trim());
        await cut.InvokeAsync(() => cut.Instance.ApplyChoice(new SettingsChoice(BluffCartridge.GameKey,
            new Dictionary<string, JsonElement> { ["language"] = JsonSerializer.SerializeToElement("da") }, "Fredagsbaren")));

        Assert.Equal("Dansk", cut.Find("[data-setting=language] input").GetAttribute("value"));
        Assert.Equal("Fredagsbaren", cut.Find("[data-testid=settings-source]").TextContent);
        Assert.Equal("Kultur", cut.Find("[data-pack=arts]").TextContent.Trim());
        Assert.Equal("Historie", cut.Find("[data-pack=history]").TextContent.Trim());
        // Bluff has no Danish animals pack: it keeps the English name, says so, and can't be picked; one that comes chosen
        // anyway (a preset saved for an English room) is refused in Danish.
        Assert.Equal("Animals (ikke på dette sprog)", cut.Find("[data-pack=animals]").TextContent.Trim());
        Assert.Contains("disabled", cut.Find("[data-pack=animals]").ClassName, StringComparison.Ordinal);
        var picker = cut.FindComponent<PackPicker>();
        await cut.InvokeAsync(() => picker.Instance.SelectedChanged.InvokeAsync(["animals"]));

        cut.WaitForAssertion(() => Assert.Equal(
            "De valgte pakker har ingen spørgsmål, der passer til rummets sprog og indstillinger. Vælg andre pakker.",
            cut.Find("[data-testid=packs-error]").TextContent));
        Assert.Equal("1 valgt.", cut.Find("[data-testid=pack-summary]").TextContent.Trim());
        Assert.True(cut.Find("button[data-testid=create-room]").HasAttribute("disabled"));
        SetupEnglish.AssertNone(cut.Find("section.setup"), SetupEnglish.Sentences(Engine.Service.Games, "da"), PackNames(cut));
    }

    private static List<string> PackNames(IRenderedComponent<HostSetup> cut) =>
        [.. cut.FindAll("[data-pack]").Select(p => p.TextContent.Trim()).OrderByDescending(n => n.Length)];
}
