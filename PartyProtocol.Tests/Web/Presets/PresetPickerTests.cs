using Bunit;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Web.Components.Shared;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Tests.Web.Presets;

public sealed class PresetPickerTests : PresetComponentTestBase
{
    [Fact]
    public void AnAnonymousHostIsOfferedASignInLinkAndPlaysWithTheDefaults()
    {
        var cut = RenderPicker(_ => { });

        var link = cut.Find("a.preset-sign-in");
        Assert.Equal("Sign in to use presets", link.TextContent.Trim());
        Assert.StartsWith("Account/Login?ReturnUrl=", link.GetAttribute("href"));
        Assert.Empty(cut.FindAll("input[type=radio]"));
    }

    [Fact]
    public void ASignedInHostWithoutPresetsIsPointedToThePresetsPage()
    {
        SignIn();
        var cut = RenderPicker(_ => { });

        Assert.Contains("No Bluff presets yet", cut.Markup);
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "presets");
    }

    [Fact]
    public async Task PickingAPresetHandsOverItsSettingsAndDefaultsHandOverNull()
    {
        SignIn();
        await SaveAsync("Quick", new { rounds = 2, lieSeconds = 20 });
        await SaveAsync("Marathon", new { rounds = 12 });
        var picks = new List<PresetSettings?>();
        var cut = RenderPicker(picks.Add);

        var radios = cut.FindAll("input[type=radio]");
        Assert.Equal(3, radios.Count);
        Assert.Contains("Marathon", cut.Markup);
        Assert.Contains("Rounds 2 · Lie seconds 20", cut.Markup);

        // Options: defaults, then the presets by name (Marathon, Quick).
        cut.FindAll("input[type=radio]")[2].Click();
        cut.WaitForAssertion(() => Assert.Single(picks));
        var quick = Assert.IsType<BluffSettings>(picks[0]!.Settings);
        Assert.Equal(BluffCartridge.GameKey, picks[0]!.Game.Key);
        Assert.Equal(2, quick.Rounds);
        Assert.Equal(20, quick.LieSeconds);

        cut.FindAll("input[type=radio]")[0].Click();
        cut.WaitForAssertion(() => Assert.Equal(2, picks.Count));
        Assert.Null(picks[1]);
    }

    [Fact]
    public async Task APresetDeletedSinceTheListLoadedFallsBackToTheDefaultsVisibly()
    {
        SignIn();
        var gone = await SaveAsync("Gone soon");
        var picks = new List<PresetSettings?>();
        var cut = RenderPicker(picks.Add);
        Assert.True((await Presets.DeleteAsync(OwnerId, gone.Id)).IsSuccess);

        cut.FindAll("input[type=radio]")[1].Click();

        cut.WaitForAssertion(() => Assert.Contains("no preset with id", cut.Markup));
        Assert.Null(Assert.Single(picks));
    }

    private IRenderedComponent<PresetPicker> RenderPicker(Action<PresetSettings?> onPicked) =>
        Render<PresetPicker>(p => p
            .Add(c => c.GameKey, BluffCartridge.GameKey)
            .Add(c => c.OnPicked, onPicked));
}
