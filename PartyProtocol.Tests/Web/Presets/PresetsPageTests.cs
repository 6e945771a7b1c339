using Bunit;
using PartyProtocol.Web.Components.Pages.Presets;

namespace PartyProtocol.Tests.Web.Presets;

public sealed class PresetsPageTests : PresetComponentTestBase
{
    [Fact]
    public async Task DeletingAPresetAsksFirstAndCanBeCalledOff()
    {
        SignIn();
        var keep = await SaveAsync("Keep me");
        var doomed = await SaveAsync("Doomed");
        var cut = Render<PresetsPage>();
        Assert.Equal(2, cut.FindAll("li[data-preset-id]").Count);

        Row(cut, doomed.Id).QuerySelector("button.preset-delete")!.Click();
        Assert.Contains("Delete “Doomed”?", Row(cut, doomed.Id).TextContent);
        Assert.Equal(2, (await Presets.ListAsync(OwnerId)).Count);

        cut.FindAll($"li[data-preset-id='{doomed.Id}'] button").Single(b => b.TextContent.Contains("Keep")).Click();
        Assert.Null(Row(cut, doomed.Id).QuerySelector(".preset-confirm"));
        Assert.Equal(2, (await Presets.ListAsync(OwnerId)).Count);

        Row(cut, doomed.Id).QuerySelector("button.preset-delete")!.Click();
        Row(cut, doomed.Id).QuerySelector("button.preset-delete-confirm")!.Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("li[data-preset-id]")));
        Assert.Equal(keep.Id, Assert.Single(await Presets.ListAsync(OwnerId)).Id);
        Assert.Contains("Deleted “Doomed”.", cut.Markup);
    }

    [Fact]
    public async Task CreatingAndRenamingGoThroughTheFormAndRefreshTheList()
    {
        SignIn();
        var cut = Render<PresetsPage>();
        Assert.Contains("No presets yet", cut.Markup);

        cut.FindAll("button").Single(b => b.TextContent.Contains("New Bluff preset")).Click();
        cut.Find("[data-field='name'] input").Input("Friday");
        cut.Find("form.preset-form").Submit();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("li[data-preset-id]")));
        var created = Assert.Single(await Presets.ListAsync(OwnerId));

        Row(cut, created.Id).QuerySelector("button.preset-edit")!.Click();
        cut.Find("[data-field='name'] input").Input("Saturday");
        cut.Find("form.preset-form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Saturday", Row(cut, created.Id).TextContent));
        Assert.Equal("Saturday", Assert.Single(await Presets.ListAsync(OwnerId)).Name);
        Assert.Empty(cut.FindAll("form.preset-form"));
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<PresetsPage> cut, long id) => cut.Find($"li[data-preset-id='{id}']");
}
