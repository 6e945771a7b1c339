using System.Text.RegularExpressions;
using Bunit;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Components.Cartridges;
using PartyProtocol.Web.Components.Cartridges.Bluff;
using PartyProtocol.Web.Components.Pages.Play;

namespace PartyProtocol.Tests.Web.Components.Cartridges.Bluff;

public sealed class BluffPlayerViewTests : ScreensTestBase
{
    [Fact]
    public async Task SubmittingALieRecordsItAndShowsWhoWeStillWaitFor()
    {
        var game = await RoomAsync(null, "Ann", "Ben", "Cy");
        await game.PlayAsync();
        var cut = await OpenPhoneAsync(game, "Ann");

        cut.Find("input[data-testid=lie-input]").Input("a purple walrus");
        await cut.Find("form[data-testid=lie-composer]").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Lie locked in", cut.Find("[data-testid=waiting]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("a purple walrus", (await game.StateAsync()).Lies[game.Id("Ann")].Text);
        Assert.Equal("“a purple walrus”", cut.Find("[data-testid=waiting-detail]").TextContent);
        Assert.Equal("Waiting for Ben and Cy…", cut.Find("[data-testid=waiting-for]").TextContent);

        await game.LieAsync("Ben", "a tiny kazoo");
        cut.WaitForAssertion(() => Assert.Equal("Waiting for Cy…", cut.Find("[data-testid=waiting-for]").TextContent), Wait);
        Assert.DoesNotContain("a tiny kazoo", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALieThatIsTheTruthIsRefusedNextToTheField()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await game.PlayAsync();
        var cut = await OpenPhoneAsync(game, "Ann");

        cut.Find("input[data-testid=lie-input]").Input(await TruthAsync(game));
        await cut.Find("form[data-testid=lie-composer]").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("That's actually the real answer! Write a lie instead",
            cut.Find("[data-testid=lie-composer]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty((await game.StateAsync()).Lies);
    }

    [Fact]
    public async Task ATooLongLieIsRefusedNextToTheField()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await game.PlayAsync();
        var cut = await OpenPhoneAsync(game, "Ann");

        cut.Find("input[data-testid=lie-input]").Input(new string('x', 61));
        await cut.Find("form[data-testid=lie-composer]").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("A lie is 1–60 characters.", cut.Find("[data-testid=lie-composer]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task LieForMeOffersTwoHouseLiesAndPickingOneSubmitsItForHalfPoints()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await game.PlayAsync();
        var cut = await OpenPhoneAsync(game, "Ann");

        cut.Find("button[data-testid=lie-for-me]").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("button[data-testid=suggestion]").Count), Wait);
        var offered = cut.FindAll("button[data-testid=suggestion]").Select(b => b.TextContent.Trim()).ToList();
        var decoys = (await game.StateAsync()).Question.Decoys;
        Assert.All(offered, s => Assert.Contains(s, decoys));

        cut.FindAll("button[data-testid=suggestion]")[0].Click();

        cut.WaitForAssertion(() => Assert.Contains("from the house: half points", cut.Find("[data-testid=waiting-detail]").TextContent, StringComparison.Ordinal), Wait);
        var lie = (await game.StateAsync()).Lies[game.Id("Ann")];
        Assert.Equal(offered[0], lie.Text);
        Assert.True(lie.LieForMe);
    }

    [Fact]
    public async Task PickingAnAnswerNeverOffersMyOwnLieAndRecordsTheGuess()
    {
        var game = await RoomAsync(null, "Ann", "Ben", "Cy");
        var cut = await OpenPhoneAsync(game, "Ann");
        await ToGuessAsync(game, ("Ann", "ann's lie"), ("Ben", "ben's lie"), ("Cy", "cy's lie"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=answer-picker]")), Wait);
        var offered = cut.FindAll("[data-testid=answer-picker] button[data-answer]").Select(b => b.GetAttribute("data-answer")).ToList();
        Assert.Equal(3, offered.Count);
        Assert.DoesNotContain("ann's lie", offered);
        Assert.Contains(await TruthAsync(game), offered);

        cut.Find($"button[data-answer='{await TruthAsync(game)}']").Click();

        cut.WaitForAssertion(() => Assert.Contains("Answer locked in", cut.Find("[data-testid=waiting]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal(await game.TruthIdAsync(), (await game.StateAsync()).Guesses[game.Id("Ann")]);
        Assert.Equal("Waiting for Ben and Cy…", cut.Find("[data-testid=waiting-for]").TextContent);
    }

    [Fact]
    public async Task EachEmojiReactsOnceAndThenStaysPressed()
    {
        var game = await RoomAsync(null, "Ann", "Ben", "Cy");
        await ToGuessAsync(game, ("Ann", "ann's lie"), ("Ben", "ben's lie"), ("Cy", "cy's lie"));
        await game.GuessAsync("Ann", await game.TruthIdAsync());
        var cut = await OpenPhoneAsync(game, "Ann");

        cut.Find("[data-testid=reactions] [data-answer=\"ben's lie\"] button[data-emoji='😂']").Click();

        cut.WaitForAssertion(() =>
        {
            var button = cut.Find("[data-testid=reactions] [data-answer=\"ben's lie\"] button[data-emoji='😂']");
            Assert.True(button.HasAttribute("disabled"));
            Assert.Equal("true", button.GetAttribute("aria-pressed"));
            Assert.Equal("1", button.QuerySelector(".reaction-count")?.TextContent);
        }, Wait);
        var benLie = await game.AnswerIdAsync("ben's lie");
        Assert.Contains(game.Id("Ann"), (await game.StateAsync()).Reactions[benLie]["😂"]);
        Assert.False(cut.Find("[data-answer=\"ben's lie\"] button[data-emoji='❤️']").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=reactions] [data-answer=\"ann's lie\"]"));

        var truth = await TruthAsync(game);
        await game.ReactAsync("Ben", await game.TruthIdAsync(), "😮");
        cut.WaitForAssertion(() =>
            Assert.Equal("1", cut.Find($"[data-testid=reactions] [data-answer='{truth}'] button[data-emoji='😮'] .reaction-count").TextContent), Wait);
    }

    [Fact]
    public async Task TheRevealTellsEachPlayerWhatTheirPickAndTheirLieDid()
    {
        var game = await RoomAsync(null, "Ann", "Ben", "Cy");
        await ToGuessAsync(game, ("Ann", "ann's lie"), ("Ben", "ben's lie"), ("Cy", "cy's lie"));
        var ann = await OpenPhoneAsync(game, "Ann");
        await ToRevealAsync(game, ("Ann", null), ("Ben", "ann's lie"), ("Cy", "ann's lie"));

        // Lies are revealed before the truth: until then the phone only points at the big screen.
        ann.WaitForAssertion(() => Assert.Single(ann.FindAll("[data-testid=watch-screen]")), Wait);
        Engine.Time.Advance(TimeSpan.FromSeconds(4));

        ann.WaitForAssertion(() => Assert.Equal("🎯 You found the truth!", Text(ann.Find("[data-testid=pick-outcome]"))), Wait);
        Assert.Equal("😈 Your lie fooled 2 players", Text(ann.Find("[data-testid=lie-outcome]")));
        Assert.Equal("+2000 this round", Text(ann.Find("[data-testid=round-points]")));

        var ben = RenderPlayerView(await game.ViewAsync("Ben"), game, "Ben");
        Assert.Equal("🙈 You were fooled by Ann", Text(ben.Find("[data-testid=pick-outcome]")));
        Assert.Equal("😇 Nobody fell for your lie.", Text(ben.Find("[data-testid=lie-outcome]")));
        Assert.Equal("+0 this round", Text(ben.Find("[data-testid=round-points]")));
    }

    [Fact]
    public async Task TheScoreboardShowsMyRankAndHowItMoved()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await ToGuessAsync(game, ("Ann", "ann's lie"), ("Ben", "ben's lie"));
        await ToRevealAsync(game, ("Ann", "ben's lie"), ("Ben", null));
        await ToScoreboardAsync(game);

        var ben = RenderPlayerView(await game.ViewAsync("Ben"), game, "Ben");
        var ann = RenderPlayerView(await game.ViewAsync("Ann"), game, "Ann");

        Assert.Contains("1st", ben.Find("[data-testid=standing]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Same place as before", ben.Find("[data-testid=standing-change]").TextContent);
        Assert.Equal("1500", ben.Find("[data-testid=my-score]").GetAttribute("data-score"));
        Assert.Contains("2nd", ann.Find("[data-testid=standing]").TextContent, StringComparison.Ordinal);
        Assert.Equal("▼ Down 1 place", ann.Find("[data-testid=standing-change]").TextContent);
    }

    [Fact]
    public async Task TheLastScreenShowsMyPlaceScoreAndAwards()
    {
        var game = await RoomAsync(new { rounds = 1 }, "Ann", "Ben");
        await ToGuessAsync(game, ("Ann", "ann's lie"), ("Ben", "ben's lie"));
        await ToRevealAsync(game, ("Ann", null), ("Ben", "ann's lie"));
        await ToScoreboardAsync(game);
        Engine.Time.Advance(TimeSpan.FromSeconds(8));

        var ann = RenderPlayerView(await game.ViewAsync("Ann"), game, "Ann");
        var ben = RenderPlayerView(await game.ViewAsync("Ben"), game, "Ben");

        Assert.Equal("You won!", ann.Find("[data-testid=final-place]").TextContent);
        Assert.Single(ann.FindAll("[data-testid=final-result] [data-award=master_detective]"));
        Assert.Single(ann.FindAll("[data-testid=final-result] [data-award=best_liar]"));
        Assert.Equal("You finished 2nd", ben.Find("[data-testid=final-place]").TextContent);
        Assert.Single(ben.FindAll("[data-testid=final-result] [data-award=gullible]"));
    }

    [Fact]
    public async Task NoAnswerCanBeTappedBeforeTheCircuitIsInteractive()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await ToGuessAsync(game, ("Ann", "ann's lie"), ("Ben", "ben's lie"));
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", false));

        var cut = RenderPlayerView(await game.ViewAsync("Ann"), game, "Ann");

        Assert.All(cut.FindAll("[data-testid=answer-picker] button"), b => Assert.True(b.HasAttribute("disabled")));
    }

    /// <summary>An element's text as a person reads it (markup whitespace collapsed).</summary>
    private static string Text(AngleSharp.Dom.IElement element) => Regex.Replace(element.TextContent, @"\s+", " ").Trim();

    private async Task<IRenderedComponent<PlayerScreen>> OpenPhoneAsync(TestGame game, string player)
    {
        await KeepPlayerTokenAsync(game, player);
        var cut = Render<PlayerScreen>(p => p.Add(s => s.Code, game.Code));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=player-screen]")), Wait);
        return cut;
    }

    /// <summary>The view alone, as the player page would render it for this player's view model.</summary>
    private IRenderedComponent<BluffPlayerView> RenderPlayerView(SessionView view, TestGame game, string player)
    {
        CartridgeMove move = (name, payload) => Engine.Service.MoveAsync(game.Code, game.Token(player), name, payload);
        return Render<BluffPlayerView>(p => p.Add(v => v.View, view).Add(v => v.Move, move));
    }
}
