using System.Text.RegularExpressions;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Tests.Core.Cartridges.Bluff;
using PartyProtocol.Web.Components.Pages.Host;

namespace PartyProtocol.Tests.Web.Components.Cartridges.Bluff;

/// <summary>A big screen that speaks Danish shows a whole game of Bluff in Danish, from the lobby to the podium.</summary>
public sealed class BluffTvInDanishTests : ScreensTestBase
{
    protected override string? Language => "da";

    [Fact]
    public async Task TheLobbyTheLieTheGuessTheRevealTheScoreboardAndThePodiumSpeakDanish()
    {
        var game = await RoomAsync(new { rounds = 1 }, "Ann", "Ben", "Cy", "Dee");
        var cut = Render<HostScreen>(p => p.Add(s => s.Code, game.Code));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=host-lobby]")), Wait);

        // The lobby: the call to join, the QR code's caption, the owner's buttons.
        var lobby = cut.Find("[data-testid=host-lobby]");
        Assert.Contains("Find telefonen frem, og vær med!", lobby.TextContent, StringComparison.Ordinal);
        Assert.Contains("Scan og vær med", lobby.TextContent, StringComparison.Ordinal);
        Assert.Equal("Er alle med? Tryk på Spil!", cut.Find("[data-testid=play-reason]").TextContent);
        Assert.Equal("Spil", Text(cut.Find("[data-testid=play]")));
        Assert.StartsWith("QR-kode, der åbner ", cut.Find("[data-testid=join-qr]").GetAttribute("alt"), StringComparison.Ordinal);
        NoEnglish.AssertTv(lobby, "Bluff");

        // The lie.
        await game.PlayAsync();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-phase=lie]")), Wait);
        var question = (await game.StateAsync()).Question.Text.Split(PartyProtocol.Core.Cartridges.Bluff.BluffQuestion.Blank);
        Assert.Contains("Skriv en løgn, der passer ind.", cut.Find("[data-testid=bluff-host]").TextContent, StringComparison.Ordinal);
        Assert.Equal("0 af 4 løgne er inde", cut.Find("[data-testid=submission-count]").TextContent);
        Assert.Equal("Pause", Text(cut.Find("[data-testid=pause]")));
        Assert.Equal("Afslut spil", Text(cut.Find("button[data-testid=exit]")));
        NoEnglish.AssertTv(cut.Find("[data-testid=bluff-host]"), [.. question]);

        // The guess.
        await ToGuessAsync(game, ("Ann", "ann's lie"), ("Ben", "ben's lie"), ("Cy", "cy's lie"), ("Dee", "dee's lie"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-phase=guess]")), Wait);
        var truth = await TruthAsync(game);
        Assert.Contains("Hvilket svar er sandt? Vælg det på din telefon.", cut.Find("[data-testid=bluff-host]").TextContent, StringComparison.Ordinal);
        Assert.Equal("0 af 4 har valgt", cut.Find("[data-testid=submission-count]").TextContent);
        Assert.Equal("Skjul »ann's lie« på skærmene", cut.Find("[data-answer=\"ann's lie\"] [data-testid=hide-lie]").GetAttribute("aria-label"));
        NoEnglish.AssertTv(cut.Find("[data-testid=bluff-host]"), [.. question, truth]);

        // The reveal: a lie by Ann, with who picked it and the points.
        await ToRevealAsync(game, ("Ann", null), ("Ben", "ann's lie"), ("Cy", "ann's lie"), ("Dee", null));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=reveal-step]")), Wait);
        cut.WaitForAssertion(() => Assert.Equal("ann's lie", cut.Find("[data-testid=reveal-step] .reveal-answer").TextContent), Wait);
        var step = cut.Find("[data-testid=reveal-step]");
        Assert.Contains("Valgt af", step.TextContent, StringComparison.Ordinal);
        Assert.Contains("En løgn", Text(cut.Find("[data-testid=verdict]")), StringComparison.Ordinal);
        Assert.Equal("af Ann", Text(cut.Find("[data-testid=authors]")));
        Assert.Contains("narrede dem", Text(cut.Find("[data-points-for=Ann]")), StringComparison.Ordinal);
        Assert.Equal("Point", cut.Find(".bluff-host-side h2").TextContent);
        NoEnglish.AssertTv(cut.Find("[data-testid=bluff-host]"), [.. question, truth, "ann's lie", "ben's lie", "cy's lie", "dee's lie"]);

        // The scoreboard after the last round.
        await ToScoreboardAsync(game);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-phase=scoreboard]")), Wait);
        var board = cut.Find("[data-testid=bluff-host]");
        Assert.Contains("Det var sidste runde", board.TextContent, StringComparison.Ordinal);
        Assert.Contains("Slutstillingen er på vej…", board.TextContent, StringComparison.Ordinal);
        Assert.Contains("1.", cut.Find("[data-testid=scores] .score-row .score-rank").TextContent, StringComparison.Ordinal);
        Assert.Equal("Slutresultat", Text(cut.Find("[data-testid=skip-scoreboard]")));
        NoEnglish.AssertTv(board);

        // The podium and the awards.
        Engine.Time.Advance(TimeSpan.FromSeconds(8));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=podium]")), Wait);
        Assert.Equal("Ann vinder!", Text(cut.Find(".podium-title")).Replace("🏆 ", "", StringComparison.Ordinal));
        Assert.Equal("1.", cut.Find(".podium [data-player=Ann] .podium-block").TextContent);
        Assert.Equal("Samme spillere", Text(cut.Find("[data-testid=play-again]")));
        Assert.Equal("Luk rummet", Text(cut.Find("button[data-testid=exit]")));
        var details = (await game.ViewAsync()).State is PartyProtocol.Core.Cartridges.Bluff.BluffView { Final: { } final }
            ? final.Awards.Select(a => a.Detail).ToArray()
            : [];
        NoEnglish.AssertTv(cut.Find("[data-testid=bluff-host]"), details);
        NoEnglish.AssertTv(cut.Find("[data-testid=owner-controls]"));
    }

    private static string Text(AngleSharp.Dom.IElement element) => Regex.Replace(element.TextContent, @"\s+", " ").Trim();
}
