using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using PartyProtocol.Web.Components.Pages.Presets;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Tests.Web.Presets;

public sealed class PresetFormTests : PresetComponentTestBase
{
    [Fact]
    public void EveryDeclaredSettingGetsAFieldWithItsDefault()
    {
        var cut = RenderForm();

        foreach (var setting in Bluff.Settings)
        {
            Assert.Single(cut.FindAll($"[data-setting='{setting.Name}']"));
        }

        Assert.Equal("5", Field(cut, "settings.rounds").QuerySelector("input")!.GetAttribute("value"));
        Assert.Contains("1–20", Field(cut, "settings.rounds").TextContent);
        Assert.Equal(3, Field(cut, "settings.timerScale").QuerySelectorAll(".mud-toggle-item").Length);
    }

    [Fact]
    public async Task AnOutOfRangeValueShowsTheCartridgesMessageNextToItsFieldAndSavesNothing()
    {
        var saved = 0;
        var cut = RenderForm(onSaved: _ => saved++);

        Field(cut, "name").QuerySelector("input")!.Input("Marathon");
        Field(cut, "settings.rounds").QuerySelector("input")!.Input("25");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("must be between 1 and 20", Field(cut, "settings.rounds").TextContent));
        Assert.DoesNotContain("must be", Field(cut, "settings.lieSeconds").TextContent);
        Assert.DoesNotContain("must be", Field(cut, "name").TextContent);
        Assert.Equal(0, saved);
        Assert.Empty(await Presets.ListAsync(OwnerId));
    }

    [Fact]
    public async Task ATakenNameIsShownNextToTheName()
    {
        await SaveAsync("Party night");
        var cut = RenderForm();

        Field(cut, "name").QuerySelector("input")!.Input("party NIGHT");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("already have a preset called", Field(cut, "name").TextContent));
        Assert.Single(await Presets.ListAsync(OwnerId));
    }

    [Fact]
    public async Task AValidSubmitSavesThePresetAndReportsIt()
    {
        PresetView? reported = null;
        var cut = RenderForm(onSaved: v => reported = v);

        Field(cut, "name").QuerySelector("input")!.Input("Family night");
        Field(cut, "settings.rounds").QuerySelector("input")!.Input("3");
        Field(cut, "settings.familyFriendly").QuerySelector("input")!.Change(false);
        Field(cut, "settings.timerScale").QuerySelectorAll(".mud-toggle-item")[2].Click();
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.NotNull(reported));
        var stored = Assert.Single(await Presets.ListAsync(OwnerId));
        Assert.Equal("Family night", stored.Name);
        Assert.Equal(3, stored.Settings["rounds"].GetInt32());
        Assert.False(stored.Settings["familyFriendly"].GetBoolean());
        Assert.Equal(2, stored.Settings["timerScale"].GetDouble());
        Assert.Equal(60, stored.Settings["lieSeconds"].GetInt32());
        Assert.Equal(stored.Id, reported!.Id);
    }

    [Fact]
    public async Task EditingStartsFromThePresetAndSavesOverIt()
    {
        var preset = await SaveAsync("Quick", new { rounds = 2, lieSeconds = 30 });
        PresetView? reported = null;
        var cut = RenderForm(preset, v => reported = v);
        Assert.Equal("2", Field(cut, "settings.rounds").QuerySelector("input")!.GetAttribute("value"));
        Assert.Equal("30", Field(cut, "settings.lieSeconds").QuerySelector("input")!.GetAttribute("value"));

        Field(cut, "name").QuerySelector("input")!.Input("Quicker");
        Field(cut, "settings.lieSeconds").QuerySelector("input")!.Input("20");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.NotNull(reported));
        var stored = Assert.Single(await Presets.ListAsync(OwnerId));
        Assert.Equal(preset.Id, stored.Id);
        Assert.Equal("Quicker", stored.Name);
        Assert.Equal(20, stored.Settings["lieSeconds"].GetInt32());
        Assert.Equal(2, stored.Settings["rounds"].GetInt32());
    }

    [Fact]
    public void InputsStayDisabledUntilTheCircuitIsInteractive()
    {
        SetRendererInfo(new RendererInfo("Static", false));
        var cut = RenderForm();

        Assert.NotEmpty(cut.FindAll("input"));
        Assert.All(cut.FindAll("input"), input => Assert.True(input.HasAttribute("disabled"), input.OuterHtml));
        Assert.All(cut.FindAll("button"), button => Assert.True(button.HasAttribute("disabled"), button.OuterHtml));
    }

    private IRenderedComponent<PresetForm> RenderForm(PresetView? preset = null, Action<PresetView>? onSaved = null) =>
        Render<PresetForm>(p => p
            .Add(f => f.Game, Bluff)
            .Add(f => f.OwnerId, OwnerId)
            .Add(f => f.Preset, preset)
            .Add(f => f.OnSaved, onSaved ?? (_ => { })));

    /// <summary>The preset's name field, or a setting of the generated settings form ("settings.rounds").</summary>
    private static IElement Field(IRenderedComponent<PresetForm> cut, string field) =>
        cut.Find(field.StartsWith("settings.", StringComparison.Ordinal) ? $"[data-setting='{field["settings.".Length..]}']" : $"[data-field='{field}']");
}
