using System.Text.RegularExpressions;
using Bunit;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Core;
using PartyProtocol.Tests.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Components.Cartridges.Bluff;
using PartyProtocol.Web.Components.Pages.Host;

namespace PartyProtocol.Tests.Web.Components.Cartridges.Bluff;

public sealed class BluffHostViewTests : ScreensTestBase
{
    [Fact]
    public async Task TheLiePhaseShowsTheQuestionWithAVisibleBlankAndWhoLiedButNeverWhat()
    {
        var game = await RoomAsync(null, "Ann", "Ben", "Cy");
        await game.PlayAsync();
        await game.LieAsync("Ann", "a purple walrus");

        var cut = RenderHostView(await game.ViewAsync());

        var question = (await game.StateAsync()).Question.Text;
        Assert.Equal(question.Replace("<BLANK>", "", StringComparison.Ordinal), cut.Find("[data-testid=question]").TextContent);
        Assert.Single(cut.FindAll("[data-testid=question] [data-testid=blank]"));
        Assert.Contains("Round 1 of 5", Text(cut.Find("[data-testid=round-header]")), StringComparison.Ordinal);
        Assert.Equal("1 of 3 lies in", cut.Find("[data-testid=submission-count]").TextContent);
        Assert.Equal("true", cut.Find("[data-player=Ann]").GetAttribute("data-done"));
        Assert.Equal("false", cut.Find("[data-player=Ben]").GetAttribute("data-done"));
        Assert.DoesNotContain("purple walrus", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("60000", cut.Find("[data-testid=countdown]").GetAttribute("data-remaining-ms"));
    }

    [Fact]
    public async Task LiesTickOffOnTheBigScreenTheMomentTheyAreSubmitted()
    {
        var game = await RoomAsync(null, "Ann", "Ben", "Cy");
        await game.PlayAsync();
        var cut = RenderHostScreen(game);

        await game.LieAsync("Ben", "a tiny kazoo");

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=player-chips] [data-player=Ben]").GetAttribute("data-done")), Wait);
        Assert.Equal("1 of 3 lies in", cut.Find("[data-testid=submission-count]").TextContent);
        Assert.DoesNotContain("tiny kazoo", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGuessPhaseShowsTheShuffledAnswersWithLiveReactionCounts()
    {
        var game = await RoomAsync(null, "Ann", "Ben", "Cy");
        var cut = RenderHostScreen(game);
        await ToGuessAsync(game, ("Ann", "ann's lie"), ("Ben", "ben's lie"), ("Cy", "cy's lie"));

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-phase=guess] [data-testid=answer-board] li").Count), Wait);
        var shown = cut.FindAll("[data-testid=answer-board] li").Select(li => li.GetAttribute("data-answer")).ToList();
        Assert.Equal((await game.StateAsync()).Answers.Select(a => a.Text), shown);
        Assert.Empty(cut.FindAll("[data-testid=answer-board] [data-emoji]"));

        await game.ReactAsync("Ann", await game.AnswerIdAsync("ben's lie"), "😂");
        await game.ReactAsync("Cy", await game.AnswerIdAsync("ben's lie"), "😂");

        cut.WaitForAssertion(() =>
            Assert.Equal("2", cut.Find("[data-answer=\"ben's lie\"] [data-emoji='😂']").GetAttribute("data-count")), Wait);
        await game.GuessAsync("Ann", await game.TruthIdAsync());
        cut.WaitForAssertion(() => Assert.Equal("1 of 3 picks in", cut.Find("[data-testid=submission-count]").TextContent), Wait);
    }

    [Fact]
    public async Task TheRevealShowsEachAnswerWithItsAuthorsPickersAndPointsThenTheTruth()
    {
        // Ann and Ben wrote the same lie (one answer, two authors), so the house fills a seat with its own lie. The reveal
        // goes from the fewest pickers up: Cy's lie (1), the house lie (2), then the truth.
        var game = await RoomAsync(null, "Ann", "Ben", "Cy", "Dee");
        var cut = RenderHostScreen(game);
        await ToGuessAsync(game, ("Ann", "moon cheese"), ("Ben", "moon cheese"), ("Cy", "cy's lie"), ("Dee", "dee's lie"));
        var house = (await game.StateAsync()).Answers.Single(a => a.Kind == AnswerKind.House).Text;
        await ToRevealAsync(game, ("Ann", "cy's lie"), ("Ben", house), ("Dee", house), ("Cy", null));

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=reveal-step]").GetAttribute("data-step")), Wait);
        var first = cut.Find("[data-testid=reveal-step]");
        Assert.Equal("lie", first.GetAttribute("data-kind"));
        Assert.Equal("by Cy", Text(cut.Find("[data-testid=authors]")));
        Assert.Single(cut.FindAll("[data-testid=reveal-step] [data-picker=Ann]"));
        Assert.Contains("+500 Cy", Text(cut.Find("[data-points-for=Cy]")), StringComparison.Ordinal);
        Assert.Equal("cy's lie", cut.Find("[data-testid=question] .blank.is-filled").TextContent);
        // No audience voted: the reveal says nothing about one.
        Assert.Empty(cut.FindAll("[data-testid=reveal-audience]"));

        Engine.Time.Advance(TimeSpan.FromSeconds(4));
        cut.WaitForAssertion(() => Assert.Equal("house", cut.Find("[data-testid=reveal-step]").GetAttribute("data-kind")), Wait);
        Assert.Contains("House lie", Text(cut.Find("[data-testid=verdict]")), StringComparison.Ordinal);
        Assert.Equal(2, cut.FindAll("[data-testid=reveal-step] [data-picker]").Count);

        Engine.Time.Advance(TimeSpan.FromSeconds(4));
        cut.WaitForAssertion(() => Assert.Equal("truth", cut.Find("[data-testid=reveal-step]").GetAttribute("data-kind")), Wait);
        Assert.Contains("The truth!", Text(cut.Find("[data-testid=verdict]")), StringComparison.Ordinal);
        Assert.Contains("+1000 Cy", Text(cut.Find("[data-points-for=Cy]")), StringComparison.Ordinal);
        // Scores climb from where they were before this step's points.
        var cyScore = cut.Find("[data-testid=scores] .score-row[data-player=Cy] .pp-count");
        Assert.Equal("1500", cyScore.GetAttribute("data-score"));
        Assert.Contains("--from: 500; --to: 1500;", cyScore.GetAttribute("style"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachRevealedAnswerSaysHowManyOfTheAudiencePickedItAndWhatShare()
    {
        var game = await RoomAsync(null, "Ann", "Ben", "Cy");
        var cut = RenderHostScreen(game);
        var audience = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            audience.Add((await Engine.Service.JoinAudienceAsync(game.Code, null).OkAsync()).AudienceToken);
        }

        await ToGuessAsync(game, ("Ann", "ann's lie"), ("Ben", "ben's lie"), ("Cy", "cy's lie"));
        var annLie = await game.AnswerIdAsync("ann's lie");
        var truth = await game.TruthIdAsync();
        foreach (var (member, answer) in audience.Zip(new[] { annLie, annLie, annLie, truth }))
        {
            await Engine.Service.MoveAsync(game.Code, member, "audience_pick", new SubmitGuess(answer)).OkAsync();
        }

        // Only the audience fell for Ann's lie, so it comes first; then Cy's (Ben picked it), then the truth.
        await ToRevealAsync(game, ("Ann", null), ("Ben", "cy's lie"), ("Cy", null));

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=reveal-step]").GetAttribute("data-step")), Wait);
        Assert.Equal("ann's lie", cut.Find("[data-testid=reveal-step] .reveal-answer").TextContent);
        Assert.Equal("3", cut.Find("[data-testid=reveal-audience]").GetAttribute("data-picks"));
        Assert.Equal("3 in the audience picked it (75%)", Text(cut.Find("[data-testid=reveal-audience] .reveal-audience-text")));
        Assert.DoesNotContain("Nobody picked it", cut.Find("[data-testid=reveal-step]").TextContent, StringComparison.Ordinal);

        Engine.Time.Advance(TimeSpan.FromSeconds(4));
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=reveal-step]").GetAttribute("data-step")), Wait);
        Assert.Equal("0", cut.Find("[data-testid=reveal-audience]").GetAttribute("data-picks"));
        Assert.Equal("Nobody in the audience picked it", Text(cut.Find("[data-testid=reveal-audience] .reveal-audience-text")));

        Engine.Time.Advance(TimeSpan.FromSeconds(4));
        cut.WaitForAssertion(() => Assert.Equal("truth", cut.Find("[data-testid=reveal-step]").GetAttribute("data-kind")), Wait);
        Assert.Equal("1 in the audience picked it (25%)", Text(cut.Find("[data-testid=reveal-audience] .reveal-audience-text")));

        // The voters' count is the big screen's: players and the audience's own view do not carry it.
        Assert.Equal(4, ((BluffView)(await game.ViewAsync()).State!).AudienceVoters);
        Assert.Null(((BluffView)(await game.ViewAsync("Ann")).State!).AudienceVoters);
        Assert.Null(((BluffView)(await Engine.Service.GetViewAsync(game.Code, audience[0]).OkAsync()).State!).AudienceVoters);
    }

    [Fact]
    public void TheRevealSaysTheAudiencesShareInDanishToo()
    {
        var step = new RevealStep(1, 2, "a1-1", "en løgn", AnswerKind.Lie, [], [], [], System.Collections.Immutable.ImmutableDictionary<string, int>.Empty)
        {
            AudiencePicks = 1234,
            AudienceShare = 0.4,
        };
        // A screen without a language cookie takes the browser's language (here the thread's, as bUnit has no request).
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("da-DK");
        try
        {
            var cut = Render<RevealStage>(p => p.Add(r => r.Step, step).Add(r => r.QuestionText, "Hvad er <BLANK>?").Add(r => r.AudienceVoters, 3085));

            Assert.Equal("1.234 fra publikum valgte det (40 %)", Text(cut.Find("[data-testid=reveal-audience] .reveal-audience-text")));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public async Task TheScoreboardShowsRanksAndHowTheyMovedUpOrDown()
    {
        var game = await RoomAsync(new { rounds = 2 }, "Ann", "Ben", "Cy");
        await ToGuessAsync(game, ("Ann", "ann's lie"), ("Ben", "ben's lie"), ("Cy", "cy's lie"));
        await ToRevealAsync(game, ("Ann", "cy's lie"), ("Ben", "cy's lie"), ("Cy", null));
        await ToScoreboardAsync(game);

        var first = RenderHostView(await game.ViewAsync());
        Assert.Equal(["Cy", "Ann", "Ben"], Ranking(first));
        Assert.Equal("–", first.Find(".score-row[data-player=Cy] [data-testid=rank-change]").TextContent);
        Assert.Equal("▼1", first.Find(".score-row[data-player=Ann] [data-testid=rank-change]").TextContent);

        Engine.Time.Advance(TimeSpan.FromSeconds(8));
        await ToGuessAsync(game, ("Ann", "ann's second"), ("Ben", "ben's second"), ("Cy", "cy's second"));
        await ToRevealAsync(game, ("Ann", null), ("Ben", "ann's second"), ("Cy", "ann's second"));
        await ToScoreboardAsync(game);

        var second = RenderHostView(await game.ViewAsync());
        Assert.Equal(["Ann", "Cy", "Ben"], Ranking(second));
        Assert.Equal("▲1", second.Find(".score-row[data-player=Ann] [data-testid=rank-change]").TextContent);
        Assert.Equal("▼1", second.Find(".score-row[data-player=Cy] [data-testid=rank-change]").TextContent);
        Assert.Contains("That was the last round", second.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEndShowsThePodiumAndTheAwards()
    {
        var game = await RoomAsync(new { rounds = 1 }, "Ann", "Ben", "Cy", "Dee");
        await ToGuessAsync(game, ("Ann", "ann's lie"), ("Ben", "ben's lie"), ("Cy", "cy's lie"), ("Dee", "dee's lie"));
        await ToRevealAsync(game, ("Ann", null), ("Ben", "ann's lie"), ("Cy", "ann's lie"), ("Dee", null));
        await ToScoreboardAsync(game);
        var cut = RenderHostScreen(game);

        Engine.Time.Advance(TimeSpan.FromSeconds(8));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=podium]")), Wait);
        Assert.Equal("Ann wins!", Text(cut.Find(".podium-title")).Replace("🏆 ", "", StringComparison.Ordinal));
        Assert.Equal("1", cut.Find(".podium [data-player=Ann]").GetAttribute("data-rank"));
        Assert.Equal("2", cut.Find(".podium [data-player=Dee]").GetAttribute("data-rank"));
        Assert.Single(cut.FindAll(".podium-rest [data-player]"));
        var awards = cut.FindAll("[data-testid=awards] [data-award]").Select(a => a.GetAttribute("data-award")).ToList();
        Assert.Contains("master_detective", awards);
        Assert.Contains("best_liar", awards);
        Assert.Contains("Ann", Text(cut.Find("[data-award=best_liar]")), StringComparison.Ordinal);
        Assert.Contains("Close room", cut.Find("[data-testid=owner-controls]").TextContent, StringComparison.Ordinal);
        // "Same players" moves everyone to the new room; "New players" only copies the settings.
        Assert.Equal($"/host?game=bluff&again={game.Code}", cut.Find("[data-testid=play-again]").GetAttribute("href"));
        Assert.Equal($"/host?game=bluff&from={game.Code}", cut.Find("[data-testid=new-players]").GetAttribute("href"));
    }

    [Fact]
    public async Task TheOwnersScoreboardButtonEndsTheRevealOnceEveryStepWasShown()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        var cut = RenderHostScreen(game);
        await ToGuessAsync(game, ("Ann", "ann's lie"), ("Ben", "ben's lie"));
        await ToRevealAsync(game, ("Ann", null), ("Ben", null));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("button[data-testid=skip-to-scoreboard]")), Wait);
        cut.Find("button[data-testid=skip-to-scoreboard]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-phase=scoreboard]")), Wait);
        Assert.Equal(BluffPhases.Scoreboard, (await game.StateAsync()).Phase);
    }

    [Fact]
    public async Task AWatchOnlyScreenHasNoOwnerButtons()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await ToGuessAsync(game, ("Ann", "ann's lie"), ("Ben", "ben's lie"));
        await ToRevealAsync(game, ("Ann", null), ("Ben", null));

        var cut = RenderHostView(await game.ViewAsync());

        Assert.Single(cut.FindAll("[data-testid=reveal-step]"));
        Assert.Empty(cut.FindAll("button"));
    }

    private IRenderedComponent<BluffHostView> RenderHostView(SessionView view) =>
        Render<BluffHostView>(p => p.Add(v => v.View, view));

    private IRenderedComponent<HostScreen> RenderHostScreen(TestGame game)
    {
        var cut = Render<HostScreen>(p => p.Add(s => s.Code, game.Code));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=host-loading]")), Wait);
        return cut;
    }

    private static List<string?> Ranking(IRenderedComponent<BluffHostView> cut) =>
        cut.FindAll("[data-testid=scores] .score-row").Select(r => r.GetAttribute("data-player")).ToList();

    private static string Text(AngleSharp.Dom.IElement element) => Regex.Replace(element.TextContent, @"\s+", " ").Trim();
}
