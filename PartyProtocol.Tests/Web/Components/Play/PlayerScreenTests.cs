using System.Globalization;
using Bunit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Realtime;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Core;
using PartyProtocol.Tests.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Components.Browser;
using PartyProtocol.Web.Components.Cartridges.Bluff;
using PartyProtocol.Web.Components.Pages.Play;
using PartyProtocol.Web.Components.Shared;

namespace PartyProtocol.Tests.Web.Components.Play;

public sealed class PlayerScreenTests : ScreensTestBase
{
    [Fact]
    public async Task APhoneWithoutASeatIsSentToTheJoinForm()
    {
        var game = await RoomAsync();

        Render<PlayerScreen>(p => p.Add(s => s.Code, game.Code));

        Assert.EndsWith($"/join?code={game.Code}", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLobbyShowsWhoIsHereAndUpdatesLive()
    {
        var game = await RoomAsync(null, "Ann");
        var cut = await OpenPhoneAsync(game, "Ann");

        Assert.Equal("Ann", cut.Find("[data-testid=my-name]").TextContent);
        Assert.Single(cut.FindAll("[data-testid=player-lobby] [data-player=Ann]"));

        await game.JoinAsync("Ben");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=player-lobby] [data-player=Ben]")), Wait);
    }

    [Fact]
    public async Task AReloadTakesTheSameSeatBackWithItsScoreInTheCurrentPhase()
    {
        var game = await RoomAsync(new { rounds = 2 }, "Ann", "Ben");
        await ToGuessAsync(game, ("Ann", "ann's lie"), ("Ben", "ben's lie"));
        await ToRevealAsync(game, ("Ann", null), ("Ben", "ann's lie"));
        await ToScoreboardAsync(game);
        Engine.Time.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(BluffPhases.Lie, (await game.StateAsync()).Phase);

        var cut = await OpenPhoneAsync(game, "Ann");

        Assert.Equal("Ann", cut.Find("[data-testid=my-name]").TextContent);
        Assert.Equal("1500", cut.Find("[data-testid=my-score]").GetAttribute("data-score"));
        Assert.Single(cut.FindAll("[data-phase=lie] [data-testid=lie-composer]"));
        Assert.Equal(2, (await game.ViewAsync()).Players.Count);
    }

    [Fact]
    public async Task ThePhoneCountsAsConnectedWhileItIsOpen()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await Engine.Service.SetConnectedAsync(game.Code, game.Id("Ann"), false);

        await OpenPhoneAsync(game, "Ann");

        Assert.Equal(1, Presence.ConnectionsOf(game.Code, game.Id("Ann")));
        Assert.True((await game.ViewAsync()).Players.Single(p => p.Name == "Ann").Connected);

        await DisposeComponentsAsync();

        Assert.Equal(0, Presence.ConnectionsOf(game.Code, game.Id("Ann")));
        await WaitUntilAsync(async () => !(await game.ViewAsync()).Players.Single(p => p.Name == "Ann").Connected);
        Assert.Equal(0, Engine.Bus.SubscriptionCount(game.Code));
    }

    [Fact]
    public async Task WhenTheHostPressesPlayThePhoneAsksForALie()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        var cut = await OpenPhoneAsync(game, "Ann");

        await game.PlayAsync();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=lie-composer]")), Wait);
        Assert.Single(cut.FindAll("[data-testid=lie-composer] [data-testid=blank]"));
        Assert.Single(cut.FindAll("[data-testid=countdown]"));
    }

    [Fact]
    public async Task AnotherPlayersLieReRendersThePhoneButNotItsLieComposerOrTitle()
    {
        var game = await RoomAsync(null, "Ann", "Ben", "Cy");
        await game.PlayAsync();
        var cut = await OpenPhoneAsync(game, "Ann");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=lie-composer]")), Wait);
        var composer = cut.FindComponent<LieComposer>();
        var title = cut.FindComponent<ScreenTitle>();
        // bUnit counts a component's renders together with its children's: let the first lie settle what the text field
        // does after its first render, then count across the second.
        await ShowNextLieAsync(game, cut, "Ben");
        var pageRenders = cut.RenderCount;
        var composerRenders = composer.RenderCount;
        var titleRenders = title.RenderCount;

        await ShowNextLieAsync(game, cut, "Cy");

        // The page showed the new event; the composer, whose question, text and suggestions did not change, was left
        // alone, and so was the document's title (and with it the head).
        Assert.True(cut.RenderCount > pageRenders);
        Assert.Equal(composerRenders, composer.RenderCount);
        Assert.Equal(titleRenders, title.RenderCount);
        Assert.Equal("Ann · " + game.Code + " · PartyProtocol", title.Instance.Text);

        // What the composer draws still changes it: the player's own suggestions.
        cut.Find("button[data-testid=lie-for-me]").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=suggestions]")), Wait);
        Assert.True(composer.RenderCount > composerRenders);
    }

    private static async Task ShowNextLieAsync(TestGame game, IRenderedComponent<PlayerScreen> cut, string player)
    {
        await game.LieAsync(player, $"{player}'s lie").OkAsync();
        var seq = (await game.ViewAsync()).Seq.ToString(CultureInfo.InvariantCulture);
        cut.WaitForAssertion(() => Assert.Equal(seq, cut.Find("[data-testid=player-screen]").GetAttribute("data-seq")), Wait);
    }

    [Fact]
    public async Task LeavingTheLobbyGivesUpTheSeat()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        var cut = await OpenPhoneAsync(game, "Ben");

        cut.Find("button[data-testid=leave]").Click();

        cut.WaitForAssertion(() => Assert.Contains("You left the room", cut.Markup, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain((await game.ViewAsync()).Players, p => p.Name == "Ben");
        Assert.Null(Tokens.Peek(SessionTokenKind.Player, game.Code));
    }

    [Fact]
    public async Task AKickedPlayerIsToldAtOnce()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        var cut = await OpenPhoneAsync(game, "Ben");

        await Engine.Service.RemovePlayerAsync(game.Code, game.Id("Ben"), game.OwnerToken);

        cut.WaitForAssertion(() => Assert.Contains("You were removed from this game", cut.Find("[data-testid=session-ended]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Null(Tokens.Peek(SessionTokenKind.Player, game.Code));
    }

    [Fact]
    public async Task AKickedPlayerOpeningThePageAgainIsToldWhy()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await KeepPlayerTokenAsync(game, "Ben");
        await Engine.Service.RemovePlayerAsync(game.Code, game.Id("Ben"), game.OwnerToken);

        var cut = Render<PlayerScreen>(p => p.Add(s => s.Code, game.Code));

        Assert.Contains("The host removed you from this game, so you cannot rejoin it.", cut.Find("[data-testid=session-ended]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePausedOverlayCoversThePhone()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await game.PlayAsync();
        var cut = await OpenPhoneAsync(game, "Ann");

        await game.PauseAsync();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=paused-overlay]")), Wait);
        Assert.Empty(cut.FindAll("[data-testid=paused-overlay] button"));
        await game.PlayAsync();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=paused-overlay]")), Wait);
    }

    [Fact]
    public async Task WhenTheHostEndsTheGameThePhoneSaysSo()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await game.PlayAsync();
        var cut = await OpenPhoneAsync(game, "Ann");

        await game.ExitAsync();

        cut.WaitForAssertion(() => Assert.Contains("The host ended the game", cut.Find("[data-testid=session-ended]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Null(Tokens.Peek(SessionTokenKind.Player, game.Code));
    }

    [Fact]
    public async Task WhenTheStoreLosesTheGameThePhoneSaysItHasEnded()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await game.PlayAsync();
        var cut = await OpenPhoneAsync(game, "Ann");
        var check = EndCheck();
        await check.CheckAsync(CancellationToken.None);

        // Gone without an event, long before it could have expired: as after a Redis restart without it.
        await Engine.Store.DeleteAsync(game.Code);
        await check.CheckAsync(CancellationToken.None);
        await check.CheckAsync(CancellationToken.None);

        cut.WaitForAssertion(() =>
        {
            var ended = cut.Find("[data-testid=session-ended]").TextContent;
            Assert.Contains("This game has ended", ended, StringComparison.Ordinal);
            Assert.Contains("lost track of this game", ended, StringComparison.Ordinal);
        }, Wait);
        Assert.Single(Engine.EventsOf(game.Code), e => e.Type == "session.ended");
    }

    [Fact]
    public async Task AGameThatIsGoneShowsThatItIsOver()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await KeepPlayerTokenAsync(game, "Ann");
        await game.ExitAsync();

        var cut = Render<PlayerScreen>(p => p.Add(s => s.Code, game.Code));

        Assert.Contains("This game is over", cut.Find("[data-testid=session-ended]").TextContent, StringComparison.Ordinal);
        Assert.Null(Tokens.Peek(SessionTokenKind.Player, game.Code));
    }

    private async Task<IRenderedComponent<PlayerScreen>> OpenPhoneAsync(TestGame game, string player)
    {
        await KeepPlayerTokenAsync(game, player);
        var cut = Render<PlayerScreen>(p => p.Add(s => s.Code, game.Code));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=player-screen]")), Wait);
        return cut;
    }

    /// <summary>Presence reaches the engine on a background task: wait for it, bounded.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 400; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail("The condition did not become true within 10 seconds.");
    }

    // The real end check over this test's engine; its passes are run by hand, on the engine's fake clock.
    private SessionEndNotifier EndCheck() =>
        new(Engine.Bus, Engine.Store, Engine.Time, Options.Create(new GameSessionOptions()), NullLogger<SessionEndNotifier>.Instance);
}
