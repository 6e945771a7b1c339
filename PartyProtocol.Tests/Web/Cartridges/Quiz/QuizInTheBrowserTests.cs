using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.EndToEnd;
using PartyProtocol.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartyProtocol.Tests.Web.Cartridges.Quiz;

/// <summary>A whole Quiz in a real Chromium: the TV picks Quiz and opens the room, three phones tap their answers.</summary>
[Trait("Category", "Slow")]
public sealed class QuizInTheBrowserTests : IAsyncLifetime
{
    private const float Patience = BrowserScreens.Patience;
    private readonly PartyAppFactory _app = new PartyAppFactory().WithSetting("Screens:PublicUrl", "http://192.168.1.20:5141/");
    private BrowserParty _party = default!;

    public async Task InitializeAsync() => _party = await BrowserParty.StartAsync(_app, "quiz");

    public async Task DisposeAsync()
    {
        await _party.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ThreePhonesPlayAWholeQuizOnTheBigScreen()
    {
        var tv = await _party.OpenTvAsync();
        await tv.GotoAsync(_party.Url("host"));
        await tv.Locator("[data-testid=game-picker] button[data-game=quiz]").ClickAsync();
        await Expect(tv.Locator("[data-testid=pack-picker]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(tv.Locator("[data-testid=pack-picker] [data-pack]")).ToHaveCountAsync(11); // the ten English packs, and Danish-only `denmark`
        await BrowserScreens.SetNumberAsync(tv, "questions", "5");
        await BrowserScreens.SetNumberAsync(tv, "secondsPerQuestion", "60");
        // Twice as long between questions (results 12 s, leaderboard 16 s), so a busy machine still gets its pictures.
        await tv.Locator("[data-setting=timerScale] .mud-toggle-item").Nth(2).ClickAsync();
        await _party.ShotAsync(tv, "quiz-host-0-setup");
        await tv.Locator("button[data-testid=create-room]").ClickAsync();
        await Expect(tv).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/host/[A-Z]{4}$"), new() { Timeout = Patience });
        var code = tv.Url[^4..];

        var ann = await _party.JoinAsync(code, "Ann");
        var ben = await _party.JoinAsync(code, "Ben");
        var cy = await _party.JoinAsync(code, "Maximilianusbold");
        await Expect(tv.Locator("[data-testid=lobby-players] [data-player]")).ToHaveCountAsync(3, new() { Timeout = Patience });
        await TvFit.AssertFitsAsync(tv, "Quiz's lobby");
        await tv.Locator("button[data-testid=play]").ClickAsync();

        for (var number = 1; number <= 5; number++)
        {
            await Expect(tv.Locator($"[data-testid=quiz-host][data-phase=question][data-number='{number}']")).ToBeVisibleAsync(new() { Timeout = Patience });
            // Most questions have four choices; a true-or-false one has two.
            var round = (await StateAsync(code)).Round;
            var (correct, choices) = (round.Correct, round.Choices.Count);
            await Expect(tv.Locator("[data-testid=choice-board] li")).ToHaveCountAsync(choices);
            if (number == 1)
            {
                await _party.ShotAsync(tv, "quiz-host-1-question");
                await TvFit.AssertFitsAsync(tv, "a Quiz question");
                await Expect(ann.Locator("[data-testid=choice-buttons] button")).ToHaveCountAsync(choices, new() { Timeout = Patience });
                await _party.ShotAsync(ann, "quiz-phone-1-buttons");
            }

            if (number == 2)
            {
                // A phone that reloads mid-question is the same player, with the same score, and still has its turn.
                await ann.ReloadAsync();
                await Expect(ann.Locator("[data-testid=my-name]")).ToHaveTextAsync("Ann", new() { Timeout = Patience });
                await Expect(ann.Locator("[data-testid=my-score]")).ToHaveAttributeAsync("data-score", (await ScoreAsync(code, "Ann")).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            // Ann always knows; Ben only from question 3; Cy never.
            await TapAsync(ann, correct);
            await Expect(ann.Locator("[data-testid=picked-choice]")).ToBeVisibleAsync(new() { Timeout = Patience });
            if (number == 1)
            {
                await _party.ShotAsync(ann, "quiz-phone-2-locked");
            }

            await TapAsync(ben, number >= 3 ? correct : (correct + 1) % choices);
            await TapAsync(cy, (correct + choices - 1) % choices);

            await Expect(tv.Locator($"[data-testid=quiz-host][data-phase=results][data-number='{number}']")).ToBeVisibleAsync(new() { Timeout = Patience });
            await Expect(tv.Locator($"[data-testid=choice-board] li[data-choice='{correct}']")).ToHaveAttributeAsync("data-correct", "true");
            await Expect(ann.Locator("[data-testid=verdict]")).ToHaveAttributeAsync("data-correct", "true", new() { Timeout = Patience });
            await Expect(cy.Locator("[data-testid=verdict]")).ToHaveAttributeAsync("data-correct", "false", new() { Timeout = Patience });
            if (number == 2)
            {
                await Expect(ann.Locator("[data-testid=streak]")).ToHaveTextAsync("🔥 2 in a row");
                await _party.ShotAsync(tv, "quiz-host-2-results");
                await _party.ShotAsync(ann, "quiz-phone-3-correct");
                await _party.ShotAsync(cy, "quiz-phone-4-wrong");
                await TvFit.AssertFitsAsync(tv, "Quiz's results");
            }

            if (number == 3)
            {
                await BrowserScreens.SkipIfStillShownAsync(tv.Locator("[data-phase=results] button[data-testid=quiz-next]"));
                await Expect(tv.Locator("[data-testid=quiz-host][data-phase=leaderboard]")).ToBeVisibleAsync(new() { Timeout = Patience });
                await Expect(tv.Locator("[data-testid=scores] .score-row").First).ToHaveAttributeAsync("data-player", "Ann");
                await Expect(ben.Locator("[data-testid=standing]")).ToContainTextAsync("2nd", new() { Timeout = Patience });
                await _party.ShotAsync(tv, "quiz-host-3-leaderboard");
                await TvFit.AssertFitsAsync(tv, "Quiz's leaderboard");
                await BrowserScreens.SkipIfStillShownAsync(tv.Locator("[data-phase=leaderboard] button[data-testid=quiz-next]"));
            }
            else
            {
                await BrowserScreens.SkipIfStillShownAsync(tv.Locator("[data-phase=results] button[data-testid=quiz-next]"));
            }
        }

        await Expect(tv.Locator("[data-testid=podium]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(tv.Locator("[data-testid=podium] [data-player=Ann]")).ToHaveAttributeAsync("data-rank", "1");
        await Expect(tv.Locator("[data-testid=awards] [data-award=longest_streak]")).ToContainTextAsync("Ann");
        await _party.ShotAsync(tv, "quiz-host-4-podium");
        await TvFit.AssertFitsAsync(tv, "Quiz's podium");
        await Expect(ann.Locator("[data-testid=final-place]")).ToHaveTextAsync("You won!", new() { Timeout = Patience });
        await _party.ShotAsync(ann, "quiz-phone-5-final");

        var session = await _app.Services.GetRequiredService<ISessionStore>().GetAsync(code);
        Assert.Equal(SessionStatus.Finished, session!.Status);
        Assert.Equal(0, await ScoreAsync(code, "Maximilianusbold"));
        Assert.Empty(_party.PageErrors);
    }

    private static async Task TapAsync(IPage phone, int choice)
    {
        var button = phone.Locator($"[data-testid=choice-buttons] button[data-choice='{choice}']");
        await Expect(button).ToBeEnabledAsync(new() { Timeout = Patience });
        await button.ClickAsync();
    }

    private async Task<QuizState> StateAsync(string code) =>
        (QuizState)(await _app.Services.GetRequiredService<ISessionStore>().GetAsync(code))!.State!;

    private async Task<int> ScoreAsync(string code, string name)
    {
        var session = await _app.Services.GetRequiredService<ISessionStore>().GetAsync(code);
        var id = session!.Players.Single(p => p.Name == name).Id;
        return ((QuizState)session.State!).Scores.GetValueOrDefault(id);
    }
}
