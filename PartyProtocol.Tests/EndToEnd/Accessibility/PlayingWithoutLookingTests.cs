using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartyProtocol.Tests.EndToEnd.Accessibility;

/// <summary>
/// A phone played with the keyboard alone and followed through its live regions, with reduced motion and large text,
/// and a whole game in Danish: in a real Chromium against the live app.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PlayingWithoutLookingTests : IAsyncLifetime
{
    private const float Patience = 30_000;

    private readonly PartyAppFactory _app = new();
    private BrowserParty _party = default!;

    public async Task InitializeAsync() => _party = await BrowserParty.StartAsync(_app, "a11y-keyboard");

    public async Task DisposeAsync()
    {
        await _party.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task APhonePlaysAWholeBluffGameWithTheKeyboardAloneAndHearsEveryTurn()
    {
        var (tv, code) = await OpenRoomAsync(language: null);

        // Joining: Tab to the name (the code came with the link), type it, Enter.
        var ann = await _party.OpenJoinPageAsync(code);
        await TabToAsync(ann, "input[data-testid=name]");
        await ann.Keyboard.TypeAsync("Ann");
        await ann.Keyboard.PressAsync("Enter");
        await Expect(ann.Locator("[data-testid=player-lobby]")).ToBeVisibleAsync(new() { Timeout = Patience });
        var ben = await _party.JoinAsync(code, "Ben");
        await Expect(tv.Locator("[data-testid=lobby-players] [data-player]")).ToHaveCountAsync(2, new() { Timeout = Patience });
        await tv.Locator("button[data-testid=play]").ClickAsync();

        // The lie phase: announced with its question, and the lie's input has the focus.
        var lieInput = ann.Locator("input[data-testid=lie-input]");
        await Expect(lieInput).ToBeEnabledAsync(new() { Timeout = Patience });
        await Expect(lieInput).ToBeFocusedAsync(new() { Timeout = Patience });
        var question = ((BluffState)(await _app.Services.GetRequiredService<ISessionStore>().GetAsync(code))!.State!).Question;
        await Expect(ann.Locator("[data-testid=live-polite]")).ToHaveTextAsync(
            $"Round 1 of 1: write a lie that fits the blank. Question: {question.Text.Replace(BluffQuestion.Blank, "…", StringComparison.Ordinal)}");
        await ann.Keyboard.TypeAsync("a purple walrus");
        await ann.Keyboard.PressAsync("Enter");
        await Expect(ann.Locator("[data-testid=live-polite]")).ToHaveTextAsync("Your lie was accepted.", new() { Timeout = Patience });
        await BrowserScreens.LieAsync(ben, "a tiny kazoo");

        // The guess phase: focus on the first answer; arrow keys move between answers; Enter picks Ben's lie.
        var answers = ann.Locator("[data-testid=answer-picker] button[data-answer]");
        await Expect(answers).ToHaveCountAsync(2, new() { Timeout = Patience });
        await Expect(answers.First).ToBeFocusedAsync(new() { Timeout = Patience });
        await ann.Keyboard.PressAsync("ArrowDown");
        await Expect(answers.Nth(1)).ToBeFocusedAsync();
        await ann.Keyboard.PressAsync("ArrowDown");
        await Expect(answers.First).ToBeFocusedAsync();
        if (await answers.First.GetAttributeAsync("data-answer") != "a tiny kazoo")
        {
            await ann.Keyboard.PressAsync("ArrowUp");
        }

        await Expect(ann.Locator("button[data-answer='a tiny kazoo']")).ToBeFocusedAsync();
        await ann.Keyboard.PressAsync("Enter");
        await Expect(ann.Locator("[data-testid=reactions]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await ben.Locator($"button[data-answer='{BrowserScreens.Css(question.Truth)}']").ClickAsync();

        // The reveal tells Ann who fooled her; the podium tells her her place.
        await Expect(ann.Locator("[data-testid=live-assertive]")).ToHaveTextAsync("You were fooled by Ben.", new() { Timeout = 90_000 });
        await Expect(tv.Locator("button[data-testid=skip-scoreboard]")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await tv.Locator("button[data-testid=skip-scoreboard]").ClickAsync();
        await Expect(ann.Locator("[data-testid=live-assertive]")).ToHaveTextAsync("You finished 2nd of 2", new() { Timeout = Patience });
        Assert.Empty(_party.PageErrors);
    }

    [Fact]
    public async Task ReducedMotionStopsConfettiStampsAndCountUpsAndPhoneTextScalesTo200Percent()
    {
        var (tv, code) = await OpenRoomAsync(language: null);
        await tv.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        var ann = await _party.JoinAsync(code, "Ann");
        await ann.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        var ben = await _party.JoinAsync(code, "Ben");
        await tv.Locator("button[data-testid=play]").ClickAsync();

        // Text at 200 % on the phone: nothing is cut off sideways, and the lie can still be written and sent.
        await Expect(ann.Locator("input[data-testid=lie-input]")).ToBeEnabledAsync(new() { Timeout = Patience });
        await ann.AddStyleTagAsync(new() { Content = "html { font-size: 200% !important; }" });
        Assert.True(await ann.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
            "At 200 % text the phone's page scrolls sideways.");
        await BrowserScreens.LieAsync(ann, "a purple walrus");
        await Expect(ann.Locator("[data-testid=waiting-for]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await BrowserScreens.LieAsync(ben, "a tiny kazoo");
        var question = ((BluffState)(await _app.Services.GetRequiredService<ISessionStore>().GetAsync(code))!.State!).Question;
        await ann.Locator($"button[data-answer='{BrowserScreens.Css(question.Truth)}']").ClickAsync();
        await ben.Locator("button[data-answer='a purple walrus']").ClickAsync();

        // The reveal's stamp and the scores land without moving.
        await Expect(tv.Locator("[data-testid=reveal-step]")).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.Equal(0, await RunningAnimationsAsync(tv, ".reveal-stamp, .reveal-verdict, .pp-count"));
        await Expect(tv.Locator("button[data-testid=skip-scoreboard]")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await tv.Locator("button[data-testid=skip-scoreboard]").ClickAsync();
        await Expect(tv.Locator("[data-testid=podium]")).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.Equal(0, await tv.Locator(".confetti:visible").CountAsync());
        Assert.Equal(0, await RunningAnimationsAsync(tv, ".confetti span, .pp-count"));
        Assert.True(await ann.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"));

        // Without the preference the confetti falls (so the check above can fail).
        await tv.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.NoPreference });
        await Expect(tv.Locator(".confetti").First).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.True(await RunningAnimationsAsync(tv, ".confetti span") > 0);
    }

    [Fact]
    public async Task ARoomSetToDanishPlaysDanishQuestionsAndItsPhonesSpeakDanish()
    {
        var (tv, code) = await OpenRoomAsync(language: "Dansk");
        Assert.Equal("da", await tv.EvaluateAsync<string>("() => document.documentElement.lang"));
        // The big screen follows its room's language too, whatever its browser asks for.
        await Expect(tv.Locator("[data-testid=host-lobby] h1")).ToHaveTextAsync("Find telefonen frem, og vær med!", new() { Timeout = Patience });

        // Ann's browser asks for English but she made no choice: her phone follows the room. Ben picked English himself.
        var ann = await _party.JoinAsync(code, "Ann");
        var ben = await _party.OpenPhoneAsync();
        await ben.GotoAsync(_party.Url($"join?code={code}"));
        // His browser is English, so English is the current language and Danish the link; he tries Danish and back.
        await Expect(ben.Locator("[data-testid=languages] [aria-current=true]")).ToHaveTextAsync("English");
        await ben.Locator("[data-testid=language-da]").ClickAsync();
        await Expect(ben.Locator("h1")).ToHaveTextAsync("Deltag i et spil", new() { Timeout = Patience });
        await Expect(ben.Locator("input[data-testid=code]")).ToHaveValueAsync(code, new() { Timeout = Patience });
        await ben.Locator("[data-testid=language-en]").ClickAsync();
        await Expect(ben.Locator("h1")).ToHaveTextAsync("Join a game", new() { Timeout = Patience });
        await Expect(ben.Locator("input[data-testid=name]")).ToBeEnabledAsync(new() { Timeout = Patience });
        await ben.Locator("input[data-testid=name]").FillAsync("Ben");
        await ben.Locator("button[data-testid=join]").ClickAsync();
        await Expect(ben.Locator("[data-testid=player-lobby]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await tv.Locator("button[data-testid=play]").ClickAsync();

        await Expect(ann.Locator("[data-testid=bluff-player]")).ToHaveAttributeAsync("data-phase", "lie", new() { Timeout = Patience });
        var state = (BluffState)(await _app.Services.GetRequiredService<ISessionStore>().GetAsync(code))!.State!;
        Assert.Equal("da", BluffContent.Load().Entry(state.Question.Id)!.Pack.Language);
        await Expect(ann.Locator("[data-testid=player-screen]")).ToHaveAttributeAsync("lang", "da");
        await Expect(ann.Locator("[data-testid=live-polite]")).ToContainTextAsync("Runde 1 af 1: skriv en løgn", new() { Timeout = Patience });
        await Expect(ben.Locator("[data-testid=player-screen]")).ToHaveAttributeAsync("lang", "en");
        await Expect(ben.Locator("[data-testid=live-polite]")).ToContainTextAsync("Round 1 of 1: write a lie", new() { Timeout = Patience });
        // The game's screens themselves, not only what is read out, speak each phone's language.
        await Expect(ann.Locator("button[data-testid=submit-lie]")).ToHaveTextAsync("Send løgn");
        await Expect(ann.Locator("button[data-testid=lie-for-me]")).ToHaveTextAsync("Lyv for mig");
        await Expect(ben.Locator("button[data-testid=submit-lie]")).ToHaveTextAsync("Submit lie");
        await Expect(tv.Locator("[data-testid=submission-count]")).ToHaveTextAsync("0 af 2 løgne er inde");

        // A Danish truth typed without æ, ø or å is still the truth, and the refusal is in Danish.
        var spelledOut = state.Question.Truth.Replace("æ", "ae", StringComparison.Ordinal).Replace("ø", "oe", StringComparison.Ordinal)
            .Replace("å", "aa", StringComparison.Ordinal).Replace("Æ", "Ae", StringComparison.Ordinal).Replace("Ø", "Oe", StringComparison.Ordinal)
            .Replace("Å", "Aa", StringComparison.Ordinal);
        await BrowserScreens.LieAsync(ann, spelledOut);
        await Expect(ann.Locator("[data-testid=lie-composer]")).ToContainTextAsync("Det er faktisk det rigtige svar", new() { Timeout = Patience });
        await ann.Locator("input[data-testid=lie-input]").FillAsync("en lilla hvalros");
        await ann.Locator("button[data-testid=submit-lie]").ClickAsync();
        await Expect(ann.Locator("[data-testid=live-polite]")).ToHaveTextAsync("Din løgn er modtaget.", new() { Timeout = Patience });
        await Expect(ann.Locator("[data-testid=waiting]")).ToContainTextAsync("Din løgn er sendt");
        await Expect(ann.Locator("[data-testid=waiting-for]")).ToHaveTextAsync("Venter på Ben…");
        await BrowserScreens.LieAsync(ben, "a tiny kazoo");

        await ann.Locator("button[data-answer='a tiny kazoo']").ClickAsync();
        await ben.Locator($"button[data-answer='{BrowserScreens.Css(state.Question.Truth)}']").ClickAsync();
        await Expect(ann.Locator("[data-testid=live-assertive]")).ToHaveTextAsync("Du blev narret af Ben.", new() { Timeout = 90_000 });
        await Expect(ann.Locator("[data-testid=pick-outcome]")).ToContainTextAsync("Du blev narret af Ben");
        await Expect(tv.Locator("button[data-testid=skip-scoreboard]")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Expect(tv.Locator("button[data-testid=skip-scoreboard]")).ToHaveTextAsync("Slutresultat");
        await tv.Locator("button[data-testid=skip-scoreboard]").ClickAsync();
        await Expect(tv.Locator(".podium-title")).ToContainTextAsync("Ben vinder!", new() { Timeout = Patience });
        await Expect(ann.Locator("[data-testid=live-assertive]")).ToHaveTextAsync("Du endte på 2. plads ud af 2", new() { Timeout = Patience });
        await Expect(ben.Locator("[data-testid=live-assertive]")).ToHaveTextAsync("You finished 1st of 2", new() { Timeout = Patience });
        await Expect(ann.Locator("[data-testid=final-place]")).ToHaveTextAsync("Du endte på 2. plads");
        await Expect(ann.Locator("[data-testid=final-result]")).ToContainTextAsync("Tak for spillet!");
        await Expect(ben.Locator("[data-testid=final-place]")).ToHaveTextAsync("You won!");
        Assert.Empty(_party.PageErrors);
    }

    /// <summary>A one-round Bluff room on the TV with long phases, in the given language (its label in the setting).</summary>
    private async Task<(IPage Tv, string Code)> OpenRoomAsync(string? language)
    {
        var tv = await _party.OpenTvAsync();
        await tv.GotoAsync(_party.Url("host"));
        await Expect(tv.Locator("button[data-testid=create-room]")).ToBeEnabledAsync(new() { Timeout = Patience });
        await BrowserScreens.SetNumberAsync(tv, "rounds", "1");
        await BrowserScreens.SetNumberAsync(tv, "lieSeconds", "300");
        await BrowserScreens.SetNumberAsync(tv, "guessSeconds", "300");
        await BrowserScreens.SetNumberAsync(tv, "revealStepSeconds", "3");
        await BrowserScreens.SetNumberAsync(tv, "scoreboardSeconds", "120");
        if (language is not null)
        {
            await tv.Locator("[data-setting=language] .mud-select").First.ClickAsync();
            await tv.Locator(".mud-popover-open .mud-list-item", new() { HasText = language }).ClickAsync();
            await Expect(tv.Locator("[data-setting=language] input")).ToHaveValueAsync(new Regex("da|Dansk"));
        }

        await tv.Locator("button[data-testid=create-room]").ClickAsync();
        await Expect(tv).ToHaveURLAsync(new Regex("/host/[A-Z]{4}$"), new() { Timeout = Patience });
        await Expect(tv.Locator("[data-testid=host-lobby]")).ToBeVisibleAsync(new() { Timeout = Patience });
        return (tv, tv.Url[^4..]);
    }

    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 15; i++)
        {
            if (await page.Locator(selector).EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {selector}.");
    }

    private static Task<int> RunningAnimationsAsync(IPage page, string selector) => page.EvaluateAsync<int>(
        "s => document.getAnimations().filter(a => a.playState === 'running' && a.effect?.target?.matches?.(s)).length", selector);
}
