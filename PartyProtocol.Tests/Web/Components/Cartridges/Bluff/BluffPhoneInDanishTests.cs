using System.Text.RegularExpressions;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Tests.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Components.Layout;
using PartyProtocol.Web.Components.Pages.Play;

namespace PartyProtocol.Tests.Web.Components.Cartridges.Bluff;

/// <summary>A phone whose player speaks Danish plays a whole game of Bluff in Danish, from the lobby to the last screen.</summary>
public sealed class BluffPhoneInDanishTests : ScreensTestBase
{
    protected override string? Language => "da";

    [Fact]
    public async Task TheLobbySaysWhoIsHereInDanish()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        var ann = await OpenPhoneAsync(game, "Ann");

        var lobby = ann.Find("[data-testid=player-lobby]");
        Assert.Contains("Du er med!", lobby.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 spillere er med", lobby.TextContent, StringComparison.Ordinal);
        Assert.Equal("Forlad rummet", ann.Find("[data-testid=leave]").TextContent.Trim());
        Assert.Equal("da", ann.Find("[data-testid=player-screen]").GetAttribute("lang"));
        NoEnglish.Assert(ann.Find("[data-testid=player-screen]"));
    }

    [Fact]
    public async Task TheLieTheGuessTheRevealAndTheLastScreenSpeakDanish()
    {
        var game = await RoomAsync(new { rounds = 1 }, "Ann", "Ben");
        await game.PlayAsync();
        var ann = await OpenPhoneAsync(game, "Ann");
        var question = (await game.StateAsync()).Question.Text;
        var truth = await TruthAsync(game);

        // The lie: the field, its buttons and the status line.
        var screen = ann.Find("[data-testid=player-screen]");
        var composer = ann.Find("[data-testid=lie-composer]");
        Assert.Contains("Din løgn", composer.TextContent, StringComparison.Ordinal);
        Assert.Equal("Send løgn", ann.Find("button[data-testid=submit-lie]").TextContent.Trim());
        Assert.Equal("Lyv for mig", ann.Find("button[data-testid=lie-for-me]").TextContent.Trim());
        Assert.Contains("Runde 1/1", screen.TextContent, StringComparison.Ordinal);
        Assert.Contains("point", ann.Find("[data-testid=my-score]").TextContent, StringComparison.Ordinal);
        NoEnglish.Assert(ann.Find("[data-testid=player-screen]"), question);

        ann.Find("input[data-testid=lie-input]").Input("en lilla hvalros");
        await ann.Find("form[data-testid=lie-composer]").SubmitAsync();
        ann.WaitForAssertion(() =>
        {
            Assert.Contains("Din løgn er sendt", ann.Find("[data-testid=waiting]").TextContent, StringComparison.Ordinal);
            Assert.Equal("»en lilla hvalros«", ann.Find("[data-testid=waiting-detail]").TextContent);
            Assert.Equal("Venter på Ben…", ann.Find("[data-testid=waiting-for]").TextContent);
            NoEnglish.Assert(ann.Find("[data-testid=player-screen]"), question);
        }, Wait);

        // The guess: the prompt, the reactions' names, then the locked-in pick.
        await game.LieAsync("Ben", "en lille kazoo");
        ann.WaitForAssertion(() =>
        {
            Assert.Contains("Hvilket svar er sandt?", ann.Find("[data-testid=answer-picker]").TextContent, StringComparison.Ordinal);
            Assert.Contains("Reagér, mens du tænker", ann.Find("[data-testid=reactions]").TextContent, StringComparison.Ordinal);
            Assert.Equal("Reagér med 😂 på en lille kazoo",
                ann.Find("[data-testid=reactions] [data-answer='en lille kazoo'] button[data-emoji='😂']").GetAttribute("aria-label"));
            NoEnglish.Assert(ann.Find("[data-testid=player-screen]"), question, truth);
        }, Wait);

        ann.Find("[data-testid=answer-picker] button[data-answer='en lille kazoo']").Click();
        ann.WaitForAssertion(() =>
        {
            Assert.Contains("Dit svar er sendt", ann.Find("[data-testid=waiting]").TextContent, StringComparison.Ordinal);
            Assert.Equal("»en lille kazoo«", ann.Find("[data-testid=waiting-detail]").TextContent);
            Assert.Contains("Reagér, mens du venter", ann.Find("[data-testid=reactions]").TextContent, StringComparison.Ordinal);
        }, Wait);

        // The reveal: eyes on the TV, then what my pick and my lie did.
        await ToRevealAsync(game, ("Ben", null));
        ann.WaitForAssertion(
            () => Assert.Contains("Kig op på den store skærm!", ann.Find("[data-testid=watch-screen]").TextContent, StringComparison.Ordinal), Wait);
        Engine.Time.Advance(TimeSpan.FromSeconds(4));
        ann.WaitForAssertion(() =>
        {
            Assert.Equal("🙈 Du blev narret af Ben", Text(ann.Find("[data-testid=pick-outcome]")));
            Assert.Equal("😇 Ingen hoppede på din løgn.", Text(ann.Find("[data-testid=lie-outcome]")));
            Assert.Equal("+0 i denne runde", Text(ann.Find("[data-testid=round-points]")));
            NoEnglish.Assert(ann.Find("[data-testid=player-screen]"), question, truth);
        }, Wait);

        // The scoreboard: where I stand, and what comes next.
        await ToScoreboardAsync(game);
        ann.WaitForAssertion(() =>
        {
            var standing = Text(ann.Find("[data-testid=standing]"));
            Assert.StartsWith("Du ligger på 2. plads", standing, StringComparison.Ordinal);
            Assert.Contains("Slutresultatet er på vej…", standing, StringComparison.Ordinal);
            Assert.Matches("plads (op|ned)|Samme plads som før", ann.Find("[data-testid=standing-change]").TextContent);
            NoEnglish.Assert(ann.Find("[data-testid=player-screen]"), question, truth);
        }, Wait);

        // The last screen: my place, my points and my award, by their Danish names.
        Engine.Time.Advance(TimeSpan.FromSeconds(8));
        ann.WaitForAssertion(() =>
        {
            var final = ann.Find("[data-testid=final-result]");
            Assert.Equal("Du endte på 2. plads", ann.Find("[data-testid=final-place]").TextContent);
            Assert.Contains("Godtroende", final.TextContent, StringComparison.Ordinal);
            Assert.Contains("Hoppede på flest løgne", final.TextContent, StringComparison.Ordinal);
            Assert.Contains("Tak for spillet!", final.TextContent, StringComparison.Ordinal);
            NoEnglish.Assert(ann.Find("[data-testid=player-screen]"), question, truth);
        }, Wait);

        var ben = await OpenPhoneAsync(game, "Ben");
        ben.WaitForAssertion(() =>
        {
            Assert.Equal("Du vandt!", ben.Find("[data-testid=final-place]").TextContent);
            Assert.Contains("Mesterdetektiv", ben.Find("[data-testid=final-result]").TextContent, StringComparison.Ordinal);
        }, Wait);
    }

    [Fact]
    public async Task APausedGameAndAGameThatIsOverAreToldInDanish()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await game.PlayAsync();
        var ann = await OpenPhoneAsync(game, "Ann");

        await game.PauseAsync();
        ann.WaitForAssertion(() => Assert.Single(ann.FindAll("[data-testid=paused-overlay]")), Wait);
        var overlay = ann.Find("[data-testid=paused-overlay]");
        Assert.Contains("Pause", overlay.TextContent, StringComparison.Ordinal);
        Assert.Contains("Værten har sat spillet på pause. Dine svar er gemt.", overlay.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Uret står stille med", ann.Find("[data-testid=countdown]").GetAttribute("aria-label"), StringComparison.Ordinal);
        NoEnglish.Assert(overlay);

        await game.ExitAsync();
        ann.WaitForAssertion(() => Assert.Single(ann.FindAll("[data-testid=session-ended]")), Wait);
        var ended = ann.Find("[data-testid=session-ended]");
        Assert.Contains("Værten har afsluttet spillet", ended.TextContent, StringComparison.Ordinal);
        Assert.Contains("Deltag i et spil", ended.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TheReconnectDialogSpeaksDanish()
    {
        var cut = Render<ReconnectModal>();

        var dialog = cut.Find("#components-reconnect-modal");
        Assert.Contains("Forbinder igen…", dialog.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bare rolig: Din plads i spillet er gemt.", dialog.TextContent, StringComparison.Ordinal);
        Assert.Equal("Prøver igen om sek.", Text(cut.Find("p:has(#components-seconds-to-next-attempt)")));
        Assert.DoesNotContain("Reconnecting", dialog.TextContent, StringComparison.Ordinal);
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
}
