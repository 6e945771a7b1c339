using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Tests.Web.Components;
using PartyProtocol.Web.Components.Pages.Account.Shared;
using PartyProtocol.Web.Components.Pages.Presets;
using PartyProtocol.Web.Components.Shared;

namespace PartyProtocol.Tests.Web.Presets;

/// <summary>
/// The preset pages and the account menu in Danish: the list, the form with the cartridge's and the service's refusals
/// next to their fields, "signed in as" and sign-out, with no English sentence left. (The settings' own labels and
/// descriptions, and the pack picker, belong to the host set-up page's settings form and are checked there.)
/// </summary>
public sealed class PresetPagesInDanishTests : PresetComponentTestBase
{
    protected override string? Language => "da";

    [Fact]
    public async Task TheListSaysDanishFromTheHeadingToTheDeleteQuestion()
    {
        SignIn();
        var plain = await SaveAsync("Fredag");
        var short_ = await SaveAsync("Kort aften", new { rounds = 1 });
        var cut = Render<PresetsPage>();
        // A preset's changed settings by their Danish labels.
        Assert.Contains("Runder 1", Row(cut, short_.Id).TextContent, StringComparison.Ordinal);

        Assert.Equal("Dine forudindstillinger", cut.Find("h1").TextContent);
        Assert.Equal("← Vær vært for et spil", cut.Find("[data-testid=presets-host]").TextContent.Trim());
        Assert.Contains("Bluff · Standardindstillinger", Row(cut, plain.Id).TextContent, StringComparison.Ordinal);
        Assert.Contains("Opdateret ", Row(cut, plain.Id).TextContent, StringComparison.Ordinal);
        Assert.Equal("Ny forudindstilling til Bluff", cut.FindAll("button").Single(b => b.TextContent.Contains("Ny ", StringComparison.Ordinal)).TextContent.Trim());

        Row(cut, plain.Id).QuerySelector("button.preset-delete")!.Click();

        Assert.Contains("Slet »Fredag«? Det kan ikke fortrydes.", Row(cut, plain.Id).TextContent, StringComparison.Ordinal);
        NoEnglish.AssertPage(cut.Find(".mud-container"), "Fredag", "Kort aften", "host@example.test", "UTC");
    }

    [Fact]
    public async Task TheFormShowsTheRefusalsOfItsNameAndOfASettingInDanish()
    {
        SignIn();
        await SaveAsync("Fredag");
        var cut = Render<PresetsPage>();
        cut.FindAll("button").Single(b => b.TextContent.Contains("Ny forudindstilling til Bluff", StringComparison.Ordinal)).Click();
        var form = cut.Find("form.preset-form");
        Assert.Equal("Ny forudindstilling til Bluff", form.QuerySelector("h2")!.TextContent.Trim());
        // The game's own settings by their Danish labels, as on the set-up page.
        Assert.Contains("Runder", cut.Find("[data-setting='rounds']").TextContent, StringComparison.Ordinal);

        cut.Find("[data-field='name'] input").Input("fredag");
        cut.Find("[data-setting='rounds'] input").Input("25");
        cut.Find("form.preset-form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Indstillingen 'rounds' skal være mellem 1 og 20.", cut.Find("[data-setting='rounds']").TextContent,
            StringComparison.Ordinal));
        cut.Find("[data-setting='rounds'] input").Input("3");
        cut.Find("form.preset-form").Submit();
        cut.WaitForAssertion(() => Assert.Contains("Du har allerede en forudindstilling, der hedder 'fredag'.", cut.Find("[data-field='name']").TextContent,
            StringComparison.Ordinal));
        Assert.DoesNotContain("must be", cut.Find("[data-setting='rounds']").TextContent, StringComparison.Ordinal);
        NoEnglish.AssertPage(WithoutSettingsAndPacks(cut.Find("form.preset-form")), "fredag");
    }

    [Fact]
    public void AFormWithoutANameSaysSoInDanish()
    {
        var cut = Render<PresetForm>(p => p
            .Add(f => f.Game, Bluff)
            .Add(f => f.OwnerId, OwnerId)
            .Add(f => f.OnSaved, _ => { }));

        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("En forudindstilling skal have et navn.", cut.Find("[data-field='name']").TextContent,
            StringComparison.Ordinal));
        Assert.Equal(["Gem forudindstilling", "Annullér"], cut.FindAll(".preset-actions button").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public void TheAccountMenuSaysWhoIsSignedInAndOffersSignOutInDanish()
    {
        SignIn();
        var signedIn = Render<AccountMenu>();

        Assert.Equal("Logget ind som host@example.test", signedIn.Find(".account-name").TextContent.Trim());
        Assert.Equal("Log ud", signedIn.Find("form button").TextContent.Trim());
        NoEnglish.AssertPage(signedIn.Find(".account-menu"), "host@example.test");
    }

    [Fact]
    public void TheAccountMenuOffersSignInAndRegisterInDanish()
    {
        var anonymous = Render<AccountMenu>();

        Assert.Equal(["Log ind", "Opret konto"], anonymous.FindAll(".account-menu a").Select(a => a.TextContent.Trim()));
        NoEnglish.AssertPage(anonymous.Find(".account-menu"));
    }

    [Fact]
    public void SignedInAsNamesTheAccountInDanish()
    {
        SignIn();
        var cut = Render<SignedInAs>();

        Assert.Equal("Logget ind som host@example.test", cut.Find("[data-testid=signed-in] span").TextContent.Trim());
        Assert.Equal("Log ud", cut.Find("[data-testid=sign-out]").TextContent.Trim());
        NoEnglish.AssertPage(cut.Find("[data-testid=signed-in]"), "host@example.test");
    }

    /// <summary>The form without the settings form's labels and descriptions and the pack picker (the host page's words).</summary>
    private static IElement WithoutSettingsAndPacks(IElement form)
    {
        var copy = (IElement)form.Clone();
        foreach (var part in copy.QuerySelectorAll("[data-testid=settings-form], [data-field=packs]").ToList())
        {
            part.Remove();
        }

        return copy;
    }

    private static IElement Row(IRenderedComponent<PresetsPage> cut, long id) => cut.Find($"li[data-preset-id='{id}']");
}
