using System.Text;
using Bunit;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Components.Shared;

namespace PartyProtocol.Tests.Web.Components.Shared;

public sealed class SharedComponentsTests : ScreensTestBase
{
    [Fact]
    public async Task TheCountdownEmptiesOverTheRemainingTimeInTheBrowser()
    {
        var game = await RoomAsync(new { lieSeconds = 40 }, "Ann", "Ben");
        await game.PlayAsync();
        Engine.Time.Advance(TimeSpan.FromSeconds(10));
        var clock = (await game.ViewAsync()).Clock;

        var cut = Render<CountdownBar>(p => p.Add(c => c.Clock, clock));

        var bar = cut.Find("[data-testid=countdown]");
        Assert.Equal("30000", bar.GetAttribute("data-remaining-ms"));
        Assert.Equal("false", bar.GetAttribute("data-paused"));
        var style = cut.Find(".countdown-fill").GetAttribute("style")!;
        Assert.Contains("--duration: 30000ms", style, StringComparison.Ordinal);
        Assert.Contains("--from: 0.75", style, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APausedClockFreezesTheBarAtTheTimeLeft()
    {
        var game = await RoomAsync(new { lieSeconds = 40 }, "Ann", "Ben");
        await game.PlayAsync();
        Engine.Time.Advance(TimeSpan.FromSeconds(30));
        await game.PauseAsync();

        var clock = (await game.ViewAsync()).Clock;
        var cut = Render<CountdownBar>(p => p.Add(c => c.Clock, clock));

        var bar = cut.Find("[data-testid=countdown]");
        Assert.Contains("is-paused", bar.ClassList);
        Assert.Equal("true", bar.GetAttribute("data-paused"));
        Assert.Contains("--from: 0.25", cut.Find(".countdown-fill").GetAttribute("style")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBarRestartsWhenTheTimerChangesAndOnlyThen()
    {
        var game = await RoomAsync(new { lieSeconds = 40 }, "Ann", "Ben");
        await game.PlayAsync();
        var first = (await game.ViewAsync()).Clock;
        var cut = Render<CountdownBar>(p => p.Add(c => c.Clock, first));
        var started = cut.Find(".countdown-fill").GetAttribute("style");

        // Another event re-renders the same timer later on: the running animation must not jump.
        Engine.Time.Advance(TimeSpan.FromSeconds(5));
        var later = (await game.ViewAsync()).Clock;
        cut.Render(p => p.Add(c => c.Clock, later));
        Assert.Equal(started, cut.Find(".countdown-fill").GetAttribute("style"));

        await game.PauseAsync();
        Engine.Time.Advance(TimeSpan.FromSeconds(60));
        await game.PlayAsync();
        var afterResume = (await game.ViewAsync()).Clock;
        cut.Render(p => p.Add(c => c.Clock, afterResume));
        var resumed = cut.Find(".countdown-fill").GetAttribute("style")!;
        Assert.NotEqual(started, resumed);
        Assert.Contains("--duration: 35000ms", resumed, StringComparison.Ordinal);
    }

    [Fact]
    public void NoClockDrawsNoBar()
    {
        var cut = Render<CountdownBar>(p => p.Add(c => c.Clock, (ClockView?)null));

        Assert.Empty(cut.FindAll("[data-testid=countdown]"));
    }

    [Fact]
    public void TheQrCodeIsAnSvgForTheJoinAddress()
    {
        const string url = "http://192.168.1.20:5141/join?code=ABCD";
        var cut = Render<JoinQrCode>(p => p.Add(c => c.Url, url));

        var img = cut.Find("img[data-testid=join-qr]");
        Assert.Equal(url, img.GetAttribute("data-url"));
        var src = img.GetAttribute("src")!;
        Assert.StartsWith("data:image/svg+xml;base64,", src, StringComparison.Ordinal);
        var svg = Encoding.UTF8.GetString(Convert.FromBase64String(src["data:image/svg+xml;base64,".Length..]));
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("viewBox", svg, StringComparison.Ordinal);

        cut.Render(p => p.Add(c => c.Url, "http://192.168.1.20:5141/join?code=WXYZ"));
        Assert.NotEqual(src, cut.Find("img").GetAttribute("src"));
    }

    [Fact]
    public void TheRoomCodeIsOneTilePerLetter()
    {
        var cut = Render<RoomCodeTiles>(p => p.Add(c => c.Code, "QXJT"));

        Assert.Equal(["Q", "X", "J", "T"], cut.FindAll(".room-code-tile").Select(t => t.TextContent).ToArray());
        Assert.Equal("Room code Q X J T", cut.Find("[data-testid=room-code]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task PlayerChipsTickWhoActedAndDimWhoIsAway()
    {
        var game = await RoomAsync(null, "Ann", "Ben", "Cy");
        await Engine.Service.SetConnectedAsync(game.Code, game.Id("Cy"), false);
        var players = (await game.ViewAsync()).Players;

        var cut = Render<PlayerChips>(p => p.Add(c => c.Players, players).Add(c => c.Done, [game.Id("Ann")]));

        Assert.Equal("true", cut.Find("[data-player=Ann]").GetAttribute("data-done"));
        Assert.Equal("false", cut.Find("[data-player=Ben]").GetAttribute("data-done"));
        Assert.Contains("is-away", cut.Find("[data-player=Cy]").ClassList);
    }

    [Fact]
    public void ThePausedOverlayOffersResumeOnlyWhenGivenTheCallback()
    {
        var resumed = false;
        var watching = Render<PausedOverlay>();
        Assert.Empty(watching.FindAll("[data-testid=resume]"));
        Assert.Contains("Paused", watching.Markup, StringComparison.Ordinal);

        var owner = Render<PausedOverlay>(p => p.Add(c => c.OnResume, () => resumed = true));
        owner.Find("button[data-testid=resume]").Click();
        Assert.True(resumed);
    }
}
