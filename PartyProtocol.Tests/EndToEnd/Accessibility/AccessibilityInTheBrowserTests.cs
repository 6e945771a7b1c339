using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartyProtocol.Tests.EndToEnd.Accessibility;

/// <summary>
/// WCAG 2.2 AA in a real Chromium: axe on every page and every phase of both games, on the TV and on a phone.
/// </summary>
[Trait("Category", "Slow")]
public sealed class AccessibilityInTheBrowserTests : IAsyncLifetime
{
    private const float Patience = 30_000;

    private readonly PartyAppFactory _app = new PartyAppFactory().WithSetting("Screens:PublicUrl", "http://192.168.1.20:5141/");
    private readonly AxeAudit _axe = new();
    private BrowserParty _party = default!;

    public async Task InitializeAsync() => _party = await BrowserParty.StartAsync(_app, "a11y-axe");

    public async Task DisposeAsync()
    {
        await _party.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task EveryPageAndEveryPhaseOfBothGamesHasNoSeriousOrCriticalAxeViolation()
    {
        var tv = await _party.OpenTvAsync();
        var phone = await _party.OpenPhoneAsync();

        foreach (var (path, name) in new[] { ("", "home"), ("join", "join"), ("Account/Login", "sign-in"), ("Account/Register", "register"),
                     ("no-such-page", "not-found"), ("Error", "error") })
        {
            await phone.GotoAsync(_party.Url(path));
            await phone.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await _axe.CheckAsync(phone, $"phone {name}");
        }

        await tv.GotoAsync(_party.Url("host"));
        await Expect(tv.Locator("button[data-testid=create-room]")).ToBeEnabledAsync(new() { Timeout = Patience });
        await _axe.CheckAsync(tv, "TV host setup");

        await PresetsPageAsync();
        await BluffAsync(tv);
        await QuizAsync(tv);

        Assert.Empty(_party.PageErrors);
        _axe.AssertClean();
    }

    private async Task PresetsPageAsync()
    {
        var page = await _party.OpenTvAsync();
        await page.GotoAsync(_party.Url("Account/Register"));
        await page.FillAsync("#register-email", $"a11y-{Guid.NewGuid():N}@example.test");
        await page.FillAsync("#register-password", "Party-Night-42!");
        await page.FillAsync("#register-confirm", "Party-Night-42!");
        await page.ClickAsync("button[type=submit]");
        await page.GotoAsync(_party.Url("presets"));
        await Expect(page.GetByText("New Bluff preset")).ToBeEnabledAsync(new() { Timeout = Patience });
        await _axe.CheckAsync(page, "presets");
        await page.GetByText("New Bluff preset").ClickAsync();
        await Expect(page.Locator("[data-field='name'] input")).ToBeVisibleAsync(new() { Timeout = Patience });
        await _axe.CheckAsync(page, "presets: new preset form");
    }

    private async Task BluffAsync(IPage tv)
    {
        await tv.GotoAsync(_party.Url("host"));
        await Expect(tv.Locator("button[data-testid=create-room]")).ToBeEnabledAsync(new() { Timeout = Patience });
        await BrowserScreens.SetNumberAsync(tv, "rounds", "1");
        await BrowserScreens.SetNumberAsync(tv, "lieSeconds", "300");
        await BrowserScreens.SetNumberAsync(tv, "guessSeconds", "300");
        await BrowserScreens.SetNumberAsync(tv, "revealStepSeconds", "10");
        await BrowserScreens.SetNumberAsync(tv, "scoreboardSeconds", "60");
        await tv.Locator("button[data-testid=create-room]").ClickAsync();
        await Expect(tv).ToHaveURLAsync(new Regex("/host/[A-Z]{4}$"), new() { Timeout = Patience });
        var code = tv.Url[^4..];
        await Expect(tv.Locator("[data-testid=host-lobby]")).ToBeVisibleAsync(new() { Timeout = Patience });

        var ann = await _party.JoinAsync(code, "Ann");
        var ben = await _party.JoinAsync(code, "Ben");
        await Expect(tv.Locator("[data-testid=lobby-players] [data-player]")).ToHaveCountAsync(2, new() { Timeout = Patience });
        await _axe.CheckAsync(tv, "Bluff TV lobby");
        await _axe.CheckAsync(ann, "Bluff phone lobby");

        await tv.Locator("button[data-testid=play]").ClickAsync();
        await Expect(tv.Locator("[data-phase=lie] [data-testid=blank]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(ann.Locator("[data-testid=lie-composer]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await _axe.CheckAsync(tv, "Bluff TV lie");
        await _axe.CheckAsync(ann, "Bluff phone lie");
        await ann.Locator("button[data-testid=lie-for-me]").ClickAsync();
        await Expect(ann.Locator("button[data-testid=suggestion]")).ToHaveCountAsync(2, new() { Timeout = Patience });
        await _axe.CheckAsync(ann, "Bluff phone lie for me");
        await BrowserScreens.LieAsync(ann, "a purple walrus");
        await Expect(ann.Locator("[data-testid=waiting-for]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(tv.Locator("[data-player=Ann][data-done=true]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await _axe.CheckAsync(ann, "Bluff phone lie locked in");
        await _axe.CheckAsync(tv, "Bluff TV lie, one player done (dimmed chips)");
        await BrowserScreens.LieAsync(ben, "a tiny kazoo");

        await Expect(ann.Locator("[data-testid=answer-picker] button[data-answer]")).ToHaveCountAsync(2, new() { Timeout = Patience });
        await _axe.CheckAsync(tv, "Bluff TV guess");
        await _axe.CheckAsync(ann, "Bluff phone guess");
        await ann.Locator("button[data-answer='a tiny kazoo']").ClickAsync();
        await Expect(ann.Locator("[data-testid=reactions]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await _axe.CheckAsync(ann, "Bluff phone guess locked in, reactions");
        var truth = ((BluffState)(await _app.Services.GetRequiredService<ISessionStore>().GetAsync(code))!.State!).Question.Truth;
        await ben.Locator($"button[data-answer='{BrowserScreens.Css(truth)}']").ClickAsync();

        await Expect(tv.Locator("[data-testid=reveal-step]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await _axe.CheckAsync(tv, "Bluff TV reveal");
        await Expect(ann.Locator("[data-testid=pick-outcome]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await _axe.CheckAsync(ann, "Bluff phone round feedback");
        await Expect(tv.Locator("[data-phase=scoreboard] [data-testid=scores]")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await _axe.CheckAsync(tv, "Bluff TV scoreboard");
        await _axe.CheckAsync(ben, "Bluff phone scoreboard");

        await tv.Locator("button[data-testid=skip-scoreboard]").ClickAsync();
        await Expect(tv.Locator("[data-testid=podium]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(ann.Locator("[data-testid=final-result]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await _axe.CheckAsync(tv, "Bluff TV podium");
        await _axe.CheckAsync(ann, "Bluff phone game over");
    }

    private async Task QuizAsync(IPage tv)
    {
        await tv.GotoAsync(_party.Url("host"));
        await tv.Locator("[data-testid=game-picker] button[data-game=quiz]").ClickAsync();
        await Expect(tv.Locator("[data-testid=pack-picker]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await BrowserScreens.SetNumberAsync(tv, "questions", "5");
        await BrowserScreens.SetNumberAsync(tv, "secondsPerQuestion", "60");
        // Twice as long between questions (results 12 s, leaderboard 16 s), so axe has time on a busy machine.
        await tv.Locator("[data-setting=timerScale] .mud-toggle-item").Nth(2).ClickAsync();
        await _axe.CheckAsync(tv, "TV Quiz setup");
        await tv.Locator("button[data-testid=create-room]").ClickAsync();
        await Expect(tv).ToHaveURLAsync(new Regex("/host/[A-Z]{4}$"), new() { Timeout = Patience });
        var code = tv.Url[^4..];
        var ann = await _party.JoinAsync(code, "Ann");
        await Expect(tv.Locator("[data-testid=lobby-players] [data-player]")).ToHaveCountAsync(1, new() { Timeout = Patience });
        await tv.Locator("button[data-testid=play]").ClickAsync();

        for (var number = 1; number <= 5; number++)
        {
            await Expect(tv.Locator($"[data-testid=quiz-host][data-phase=question][data-number='{number}']")).ToBeVisibleAsync(new() { Timeout = Patience });
            var button = ann.Locator("[data-testid=choice-buttons] button").First;
            await Expect(button).ToBeEnabledAsync(new() { Timeout = Patience });
            if (number == 1)
            {
                await _axe.CheckAsync(tv, "Quiz TV question");
                await _axe.CheckAsync(ann, "Quiz phone question");
            }

            await button.ClickAsync();
            await Expect(tv.Locator($"[data-testid=quiz-host][data-phase=results][data-number='{number}']")).ToBeVisibleAsync(new() { Timeout = Patience });
            if (number == 1)
            {
                await Expect(ann.Locator("[data-testid=verdict]")).ToBeVisibleAsync(new() { Timeout = Patience });
                await _axe.CheckAsync(tv, "Quiz TV results");
                await _axe.CheckAsync(ann, "Quiz phone verdict");
            }

            await BrowserScreens.SkipIfStillShownAsync(tv.Locator("[data-phase=results] button[data-testid=quiz-next]"));
            if (number == 3)
            {
                await Expect(tv.Locator("[data-testid=quiz-host][data-phase=leaderboard]")).ToBeVisibleAsync(new() { Timeout = Patience });
                await Expect(ann.Locator("[data-testid=standing]")).ToBeVisibleAsync(new() { Timeout = Patience });
                await _axe.CheckAsync(tv, "Quiz TV leaderboard");
                await _axe.CheckAsync(ann, "Quiz phone leaderboard");
                await BrowserScreens.SkipIfStillShownAsync(tv.Locator("[data-phase=leaderboard] button[data-testid=quiz-next]"));
            }
        }

        await Expect(tv.Locator("[data-testid=podium]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(ann.Locator("[data-testid=final-result]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await _axe.CheckAsync(tv, "Quiz TV podium");
        await _axe.CheckAsync(ann, "Quiz phone game over");
        Assert.Equal(SessionStatus.Finished, (await _app.Services.GetRequiredService<ISessionStore>().GetAsync(code))!.Status);
    }
}
