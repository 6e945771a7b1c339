using Bunit;
using Microsoft.AspNetCore.Components;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Components.Browser;
using PartyProtocol.Web.Components.Pages.Host;

namespace PartyProtocol.Tests.Web.Components.Host;

public sealed class HostSetupTests : ScreensTestBase
{
    // The setup form holds the preset picker; an anonymous host sees "sign in to use presets" and plays with defaults.
    protected override void ConfigureServices()
    {
        base.ConfigureServices();
        AddPresets();
    }

    [Fact]
    public void AnAnonymousHostIsOfferedSignInForPresetsAndPlaysWithTheDefaults()
    {
        var cut = Render<HostSetup>();

        Assert.Contains("Sign in to use presets", cut.Find("[data-testid=preset-slot]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Defaults", cut.Find("[data-testid=settings-source]").TextContent);
    }
    [Fact]
    public void TheSettingsFormIsGeneratedFromTheGamesDeclarations()
    {
        var cut = Render<HostSetup>();

        Assert.Equal("true", cut.Find("[data-game=bluff]").GetAttribute("aria-checked"));
        var settings = cut.FindAll("[data-setting]").Select(s => s.GetAttribute("data-setting")).ToList();
        Assert.Equal(BluffSettings.Definitions.Select(d => d.Name), settings);
        Assert.Equal("5", cut.Find("[data-setting=rounds] input").GetAttribute("value"));
        Assert.Contains("(1–20)", cut.Find("[data-setting=rounds]").TextContent, StringComparison.Ordinal);
        Assert.Equal(3, cut.FindAll("[data-setting=timerScale] .mud-toggle-item").Count);
        Assert.Single(cut.FindAll("[data-setting=familyFriendly] input[type=checkbox]"));
        Assert.Equal("Defaults", cut.Find("[data-testid=settings-source]").TextContent);
        Assert.Single(cut.FindAll("[data-testid=preset-slot]"));
    }

    [Fact]
    public void AnOutOfRangeSettingShowsTheCartridgesMessageAndCannotBeOpened()
    {
        var cut = Render<HostSetup>();

        cut.Find("[data-setting=rounds] input").Input("25");

        cut.WaitForAssertion(() =>
            Assert.Contains("Setting 'rounds' must be between 1 and 20.", cut.Find("[data-setting=rounds]").TextContent, StringComparison.Ordinal));
        Assert.True(cut.Find("button[data-testid=create-room]").HasAttribute("disabled"));
        Assert.Equal("Custom", cut.Find("[data-testid=settings-source]").TextContent);

        cut.Find("[data-setting=rounds] input").Input("3");
        cut.WaitForAssertion(() => Assert.False(cut.Find("button[data-testid=create-room]").HasAttribute("disabled")));
        Assert.DoesNotContain("must be between", cut.Find("[data-setting=rounds]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroRoundsIsMarkedOnItsFieldAndLettersNeverBecomeZero()
    {
        var cut = Render<HostSetup>();

        cut.Find("[data-setting=rounds] input").Input("0");
        cut.WaitForAssertion(() =>
            Assert.Contains("Setting 'rounds' must be between 1 and 20.", cut.Find("[data-setting=rounds]").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(cut.FindAll("[data-setting=rounds] .mud-input-error"));
        Assert.True(cut.Find("button[data-testid=create-room]").HasAttribute("disabled"));

        cut.Find("[data-setting=lieSeconds] input").Input("abc");
        cut.WaitForAssertion(() => Assert.NotEqual("0", cut.Find("[data-setting=lieSeconds] input").GetAttribute("value")));
        Assert.True(cut.Find("button[data-testid=create-room]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task TheSetupPageInSamePlayersModeMovesEveryoneAndOpensTheNewRoom()
    {
        var game = await PlayAgainTests.FinishedGameAsync(Engine);
        await Tokens.SaveAsync(SessionTokenKind.Owner, game.Code, game.OwnerToken);
        Navigation.NavigateTo($"/host?game=bluff&again={game.Code}");
        var cut = Render<HostSetup>();

        cut.WaitForAssertion(() => Assert.Contains("Ann, Ben, Cy come along", cut.Find("[data-testid=same-players]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("with the same players", cut.Find("button[data-testid=create-room]").TextContent, StringComparison.Ordinal);
        await cut.Find("form[data-testid=setup-form]").SubmitAsync();

        var moved = (await game.ViewAsync()).MovedTo;
        Assert.NotNull(moved);
        Assert.EndsWith($"/host/{moved}", Navigation.Uri, StringComparison.Ordinal);
        Assert.NotNull(Tokens.Peek(SessionTokenKind.Owner, moved));
    }

    [Fact]
    public async Task OpeningARoomCreatesTheSessionKeepsTheOwnerTokenAndShowsTheRoom()
    {
        var cut = Render<HostSetup>();
        cut.Find("[data-setting=rounds] input").Input("3");
        cut.Find("[data-setting=lieSeconds] input").Input("45");

        await cut.Find("form[data-testid=setup-form]").SubmitAsync();

        var code = Navigation.Uri[^4..];
        Assert.EndsWith($"/host/{code}", Navigation.Uri, StringComparison.Ordinal);
        var view = await Engine.Service.GetViewAsync(code, Tokens.Peek(SessionTokenKind.Owner, code));
        Assert.True(view.IsSuccess);
        Assert.Equal(3, view.Value.Settings["rounds"].GetInt32());
        Assert.Equal(45, view.Value.Settings["lieSeconds"].GetInt32());
        var owner = await Engine.Service.IdentifyAsync(code, Tokens.Peek(SessionTokenKind.Owner, code));
        Assert.True(owner.IsSuccess && owner.Value.IsOwner);
    }

    [Fact]
    public async Task PlayAgainFillsInTheSettingsOfTheLastRoom()
    {
        var previous = await RoomAsync(new { rounds = 2, guessSeconds = 20, familyFriendly = false });

        Navigation.NavigateTo($"/host?from={previous.Code}");
        var cut = Render<HostSetup>();

        Assert.Equal("2", cut.Find("[data-setting=rounds] input").GetAttribute("value"));
        Assert.Equal("20", cut.Find("[data-setting=guessSeconds] input").GetAttribute("value"));
        Assert.Equal($"Same as room {previous.Code}", cut.Find("[data-testid=settings-source]").TextContent);
    }

    [Fact]
    public async Task AChosenPresetOnlyFillsInTheFormAndResetBringsBackTheDefaults()
    {
        var cut = Render<HostSetup>();
        var preset = TestEngine.Settings(new { rounds = 7, timerScale = 2, familyFriendly = false });

        await cut.InvokeAsync(() => cut.Instance.ApplyChoice(new SettingsChoice(BluffCartridge.GameKey, preset, "Friday night")));

        Assert.Equal("7", cut.Find("[data-setting=rounds] input").GetAttribute("value"));
        Assert.Equal("Friday night", cut.Find("[data-testid=settings-source]").TextContent);
        Assert.Equal(0, Engine.Store.Count);

        cut.Find("button[data-testid=reset-settings]").Click();
        Assert.Equal("5", cut.Find("[data-setting=rounds] input").GetAttribute("value"));
        Assert.Equal("Defaults", cut.Find("[data-testid=settings-source]").TextContent);
    }

    [Fact]
    public void NothingCanBeTouchedBeforeTheCircuitIsInteractive()
    {
        SetRendererInfo(new RendererInfo("Static", false));

        var cut = Render<HostSetup>();

        Assert.True(cut.Find("button[data-testid=create-room]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-game=bluff]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-setting=rounds] input").HasAttribute("disabled"));
    }
}
