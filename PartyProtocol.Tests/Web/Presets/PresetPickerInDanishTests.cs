using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Web.Components;
using PartyProtocol.Web.Components.Shared;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Tests.Web.Presets;

/// <summary>The set-up page's preset picker in Danish: its words, each preset's summary and a refusal.</summary>
public sealed class PresetPickerInDanishTests : PresetComponentTestBase
{
    protected override string? Language => "da";

    private static readonly string[] English =
    [
        "Sign in", "presets", "Loading", "Create one", "skip the settings", "Default settings", "Manage", "Rounds", "Lie seconds",
        "no preset with id",
    ];

    [Fact]
    public void AnAnonymousHostIsOfferedSignInInDanish()
    {
        var cut = RenderPicker();

        Assert.Equal("Log ind for at bruge forudindstillinger", cut.Find("a.preset-sign-in").TextContent.Trim());
        Assert.Contains("– eller spil bare med standardindstillingerne.", cut.Markup, StringComparison.Ordinal);
        AssertNoEnglish(cut);
    }

    [Fact]
    public void ASignedInHostWithoutPresetsIsPointedToThePresetsPageInDanish()
    {
        SignIn();
        var cut = RenderPicker();

        var link = cut.Find("a[href=presets]");
        Assert.Equal("Opret en", link.TextContent.Trim());
        Assert.Equal("Ingen forudindstillinger til Bluff endnu. Opret en, så slipper du for indstillingerne næste gang.",
            NoEnglish.Said(link.ParentElement!));
        AssertNoEnglish(cut);
    }

    [Fact]
    public async Task ThePresetsAreSummedUpInDanishAndARefusalIsDanish()
    {
        SignIn();
        await SaveAsync("Hurtig", new { rounds = 2, lieSeconds = 20, familyFriendly = false });
        var gone = await SaveAsync("Snart væk");
        var picks = new List<PresetSettings?>();
        var cut = RenderPicker(picks.Add);

        Assert.Contains("Standardindstillinger", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Runder 2 · Sekunder til løgnen 20 · Børnevenlig nej", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("Administrér forudindstillinger", cut.FindAll("a[href=presets]").Single().TextContent.Trim());
        AssertNoEnglish(cut);

        Assert.True((await Presets.DeleteAsync(OwnerId, gone.Id)).IsSuccess);
        cut.FindAll("input[type=radio]")[2].Click();

        cut.WaitForAssertion(() => Assert.Contains("Den forudindstilling findes ikke.", cut.Markup, StringComparison.Ordinal));
        Assert.Null(Assert.Single(picks));
        AssertNoEnglish(cut);
    }

    private IRenderedComponent<PresetPicker> RenderPicker(Action<PresetSettings?>? onPicked = null) =>
        Render<PresetPicker>(p => p
            .Add(c => c.GameKey, BluffCartridge.GameKey)
            .Add(c => c.OnPicked, onPicked ?? (_ => { })));

    private static void AssertNoEnglish(IRenderedComponent<PresetPicker> cut)
    {
        var said = NoEnglish.Said(cut.Find(".preset-picker"));
        var leaks = English.Where(e => said.Contains(e, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, $"English in the Danish preset picker: {string.Join(", ", leaks)} in: {said}");
    }
}
