using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Realtime;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Tests.Core;
using PartyProtocol.Tests.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Components.Browser;
using PartyProtocol.Web.Components.Pages.Host;

namespace PartyProtocol.Tests.Web.Components.Host;

public sealed class HostScreenTests : ScreensTestBase
{
    [Fact]
    public async Task TheLobbyShowsTheCodeTheQrCodeAndTheAddressInWords()
    {
        var game = await RoomAsync();

        var cut = RenderHost(game);

        Assert.Equal($"Room code {string.Join(" ", game.Code.ToCharArray())}", cut.Find("[data-testid=room-code]").GetAttribute("aria-label"));
        Assert.Equal($"http://localhost/join?code={game.Code}", cut.Find("[data-testid=join-qr]").GetAttribute("data-url"));
        Assert.Equal("localhost/join", cut.Find("[data-testid=join-address]").TextContent);
        // bUnit's address is a loopback one, which no phone can open: the screen says so.
        Assert.Contains("Phones can't open a localhost address", cut.Find("[data-testid=reachability-hint]").TextContent, StringComparison.Ordinal);
        Assert.Equal("0 / 8", cut.Find("[data-testid=player-count]").TextContent);
    }

    [Fact]
    public async Task PlayersAppearTheMomentTheyJoin()
    {
        var game = await RoomAsync();
        var cut = RenderHost(game);

        await game.JoinAsync("Ann");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=lobby-players] [data-player=Ann]")), Wait);

        await game.JoinAsync("Ben");
        cut.WaitForAssertion(() => Assert.Equal("2 / 8", cut.Find("[data-testid=player-count]").TextContent), Wait);
    }

    [Fact]
    public async Task APlayerWhoLosesTheConnectionIsShownAsReconnecting()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        var cut = RenderHost(game);

        await Engine.Service.SetConnectedAsync(game.Code, game.Id("Ben"), false);

        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("[data-testid=lobby-players] [data-player=Ben]").GetAttribute("data-connected")), Wait);
        Assert.Contains("reconnecting", cut.Find("[data-player=Ben]").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("[data-player=Ann]").GetAttribute("data-connected"));
    }

    [Fact]
    public async Task PlayWaitsForEnoughPlayersAndSaysWhy()
    {
        var game = await RoomAsync(null, "Ann");
        var cut = RenderHost(game);

        Assert.True(cut.Find("button[data-testid=play]").HasAttribute("disabled"));
        Assert.Equal("Bluff needs at least 2 players: waiting for 1 more.", cut.Find("[data-testid=play-reason]").TextContent);

        await game.JoinAsync("Ben");
        cut.WaitForAssertion(() => Assert.False(cut.Find("button[data-testid=play]").HasAttribute("disabled")), Wait);
    }

    [Fact]
    public async Task PressingPlayStartsTheGameAndPutsTheQuestionOnScreen()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        var cut = RenderHost(game);

        cut.Find("button[data-testid=play]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-phase=lie] [data-testid=blank]")), Wait);
        Assert.Equal("playing", (await game.ViewAsync()).Status);
        Assert.Single(cut.FindAll("[data-testid=owner-controls] button[data-testid=pause]"));
    }

    [Fact]
    public async Task KickingAPlayerInTheLobbyAsksFirstThenRemovesThemForGood()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        var dialogs = RenderProviders();
        var cut = RenderHost(game);

        cut.Find("[data-player=Ben] button[data-testid=kick]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Remove Ben from the room?", dialogs.Markup, StringComparison.Ordinal), Wait);
        dialogs.FindAll("button").Single(b => b.TextContent.Contains("Keep them", StringComparison.Ordinal)).Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Remove Ben", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.Contains((await game.ViewAsync()).Players, p => p.Name == "Ben");

        cut.Find("[data-player=Ben] button[data-testid=kick]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Remove Ben from the room?", dialogs.Markup, StringComparison.Ordinal), Wait);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Remove").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=lobby-players] [data-player=Ben]")), Wait);
        Assert.DoesNotContain((await game.ViewAsync()).Players, p => p.Name == "Ben");
        var again = await Engine.Service.JoinAsync(game.Code, "Ben", null);
        Assert.Equal(ErrorCodes.Kicked, again.Error?.Code);
    }

    [Fact]
    public async Task PauseCoversEveryScreenAndResumeCarriesOn()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await game.PlayAsync();
        var cut = RenderHost(game);

        cut.Find("button[data-testid=pause]").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=paused-overlay]")), Wait);
        Assert.Equal("paused", (await game.ViewAsync()).Status);
        Assert.Equal("true", cut.Find("[data-testid=countdown]").GetAttribute("data-paused"));

        cut.Find("[data-testid=paused-overlay] button[data-testid=resume]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=paused-overlay]")), Wait);
        Assert.Equal("playing", (await game.ViewAsync()).Status);
    }

    [Fact]
    public async Task EndingTheGameAsksFirstThenClosesTheRoomForEveryone()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await game.PlayAsync();
        var dialogs = RenderProviders();
        var cut = RenderHost(game);

        cut.Find("button[data-testid=exit]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("End the game for everyone?", dialogs.Markup, StringComparison.Ordinal), Wait);
        dialogs.FindAll("button").Single(b => b.TextContent.Contains("Keep playing", StringComparison.Ordinal)).Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("End the game for everyone?", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.True((await Engine.Service.GetViewAsync(game.Code, (string?)null)).IsSuccess);

        cut.Find("button[data-testid=exit]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("End the game for everyone?", dialogs.Markup, StringComparison.Ordinal), Wait);
        dialogs.FindAll("button").Single(b => b.TextContent.Contains("End game", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Contains("You ended the game", cut.Find("[data-testid=session-ended]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal(ErrorCodes.SessionNotFound, (await Engine.Service.GetViewAsync(game.Code, (string?)null)).Error?.Code);
        Assert.Null(Tokens.Peek(SessionTokenKind.Owner, game.Code));
    }

    [Fact]
    public async Task WithoutTheOwnerTokenTheScreenOnlyWatches()
    {
        var game = await Engine.CreateAsync(null, "Ann", "Ben");

        var cut = RenderHost(game);

        Assert.Single(cut.FindAll("[data-testid=host-lobby]"));
        Assert.Empty(cut.FindAll("button[data-testid=play]"));
        Assert.Empty(cut.FindAll("button[data-testid=kick]"));
        Assert.Contains("The host starts the game from their screen.", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=audience-controls]"));
    }

    [Fact]
    public async Task TheOwnerTurnsTheAudienceOffAndCapsItFromTheBigScreen()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        var cut = RenderHost(game);
        var controls = () => cut.Find("[data-testid=host-lobby] [data-testid=audience-controls]");
        Assert.Equal("true", controls().GetAttribute("data-open"));
        Assert.Equal("10000", controls().GetAttribute("data-cap"));
        Assert.Contains("Audience on", controls().TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=audience-switch] input[type=checkbox]").Change(false);

        cut.WaitForAssertion(() => Assert.Equal("false", controls().GetAttribute("data-open")), Wait);
        Assert.Contains("Audience off", controls().TextContent, StringComparison.Ordinal);
        Assert.False((await Engine.Service.GetAudienceAsync(game.Code).OkAsync()).Open);
        Assert.Equal(ErrorCodes.AudienceOff, (await Engine.Service.JoinAudienceAsync(game.Code, null)).Error?.Code);

        // The cap: nothing to save until it differs, then the server's answer is what the screen shows.
        Assert.True(cut.Find("button[data-testid=audience-cap-save]").HasAttribute("disabled"));
        cut.Find("[data-testid=audience-cap] input").Input("2");
        cut.Find("button[data-testid=audience-cap-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("2", controls().GetAttribute("data-cap")), Wait);
        Assert.Equal(2, (await Engine.Service.GetAudienceAsync(game.Code).OkAsync()).Cap);

        // While the game runs, the same controls sit in the owner's bar.
        await game.PlayAsync();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=owner-controls] [data-testid=audience-controls]")), Wait);
        cut.Find("[data-testid=owner-controls] [data-testid=audience-switch] input[type=checkbox]").Change(true);
        cut.WaitForAssertion(() => Assert.Equal("true",
            cut.Find("[data-testid=owner-controls] [data-testid=audience-controls]").GetAttribute("data-open")), Wait);
        Assert.True((await Engine.Service.GetAudienceAsync(game.Code).OkAsync()).Open);
    }

    [Fact]
    public void TheAudienceControlsWaitForTheInteractiveRenderer()
    {
        SetRendererInfo(new RendererInfo("Static", false));

        var cut = Render<AudienceControls>(p => p.Add(c => c.Audience, new AudienceView(true, 500, 3, null)));

        Assert.True(cut.Find("[data-testid=audience-switch] input[type=checkbox]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=audience-cap] input").HasAttribute("disabled"));
        Assert.True(cut.Find("button[data-testid=audience-cap-save]").HasAttribute("disabled"));
        Assert.Equal("500", cut.Find("[data-testid=audience-controls]").GetAttribute("data-cap"));
    }

    [Fact]
    public async Task ATokenThatIsNotTheOwnersIsForgottenAndTheScreenWatches()
    {
        var game = await Engine.CreateAsync(null, "Ann", "Ben");
        await Tokens.SaveAsync(SessionTokenKind.Owner, game.Code, game.Token("Ann"));

        var cut = RenderHost(game);

        Assert.Empty(cut.FindAll("button[data-testid=play]"));
        Assert.Null(Tokens.Peek(SessionTokenKind.Owner, game.Code));
    }

    [Fact]
    public async Task AReloadedHostScreenResumesTheRunningGameWithItsControls()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await game.PlayAsync();
        await game.LieAsync("Ann", "a lie from before the reload");

        var cut = RenderHost(game);

        Assert.Single(cut.FindAll("[data-phase=lie]"));
        Assert.Equal("true", cut.Find("[data-testid=player-chips] [data-player=Ann]").GetAttribute("data-done"));
        Assert.Single(cut.FindAll("button[data-testid=pause]"));
    }

    [Fact]
    public async Task WhenTheOwnerEndsTheGameElsewhereTheScreenSaysSo()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        var cut = RenderHost(game);

        await game.ExitAsync();

        cut.WaitForAssertion(() => Assert.Contains("The host ended the game", cut.Find("[data-testid=session-ended]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task WhenAnIdleRoomExpiresTheScreenSaysTheGameHasEnded()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        var cut = RenderHost(game);
        var check = EndCheck();
        await check.CheckAsync(CancellationToken.None);

        Engine.Time.Advance(new GameSessionOptions().IdleExpiry);
        await check.CheckAsync(CancellationToken.None);
        await check.CheckAsync(CancellationToken.None);

        cut.WaitForAssertion(() =>
        {
            var ended = cut.Find("[data-testid=session-ended]").TextContent;
            Assert.Contains("This game has ended", ended, StringComparison.Ordinal);
            Assert.Contains("Nobody played for a long while", ended, StringComparison.Ordinal);
        }, Wait);
    }

    [Fact]
    public void AnUnknownRoomShowsThatItIsClosed()
    {
        var cut = Render<HostScreen>(p => p.Add(s => s.Code, "QQQQ"));

        Assert.Contains("This room is closed", cut.Find("[data-testid=session-ended]").TextContent, StringComparison.Ordinal);
        Assert.Contains("no game with the code QQQQ", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheScreenUnsubscribesWhenItGoesAway()
    {
        var game = await RoomAsync();
        RenderHost(game);
        Assert.Equal(1, Engine.Bus.SubscriptionCount(game.Code));

        await DisposeComponentsAsync();

        Assert.Equal(0, Engine.Bus.SubscriptionCount(game.Code));
    }

    [Fact]
    public async Task TheOwnersSkipButtonMovesTheScoreboardOnToTheNextRound()
    {
        var game = await RoomAsync(new { rounds = 2 }, "Ann", "Ben");
        await ToGuessAsync(game, ("Ann", "ann's lie"), ("Ben", "ben's lie"));
        await ToRevealAsync(game, ("Ann", null), ("Ben", "ann's lie"));
        await ToScoreboardAsync(game);
        var cut = RenderHost(game);

        cut.Find("button[data-testid=skip-scoreboard]").Click();

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=bluff-host]").GetAttribute("data-round")), Wait);
        Assert.Equal(BluffPhases.Lie, (await game.StateAsync()).Phase);
    }

    private IRenderedComponent<HostScreen> RenderHost(TestGame game)
    {
        var cut = Render<HostScreen>(p => p.Add(s => s.Code, game.Code));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=host-loading]")), Wait);
        return cut;
    }

    // The real end check over this test's engine; its passes are run by hand, on the engine's fake clock.
    private SessionEndNotifier EndCheck() =>
        new(Engine.Bus, Engine.Store, Engine.Time, Options.Create(new GameSessionOptions()), NullLogger<SessionEndNotifier>.Instance);
}
