using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartyProtocol.Tests.EndToEnd;

/// <summary>
/// A whole Bluff game in a real Chromium: one TV-sized host page and three phone-sized player pages (separate browser
/// contexts, so separate storage), against the real app on Kestrel. Screenshots of the host and one phone at each
/// phase go to the test output folder.
/// </summary>
public sealed class BluffInTheBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const float Patience = BrowserScreens.Patience;

    // A 16-character nickname (the longest allowed), in one word: it must fit whole everywhere on the TV.
    private const string Cy = "Wolfeschlegelste";

    // What phones would be told to open on a real network; the browsers here use the loopback address directly.
    private const string PublicUrl = "http://192.168.1.20:5141/";

    private readonly PartyAppFactory _app = new PartyAppFactory().WithSetting("Screens:PublicUrl", PublicUrl);
    private BrowserParty _party = default!;

    public async Task InitializeAsync() => _party = await BrowserParty.StartAsync(_app, "bluff");

    public async Task DisposeAsync()
    {
        await _party.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ThreePhonesPlayAWholeGameOnTheBigScreenAndAReloadedPhoneCarriesOn()
    {
        var host = await _party.OpenTvAsync();

        // Set-up: the settings form is generated from the cartridge; short timers keep the game quick, while the lie and
        // guess phases (which end as soon as everyone acted) get time to spare for a slow, shared test machine.
        await host.GotoAsync(_party.Url("host"));
        var create = host.Locator("button[data-testid=create-room]");
        await Expect(create).ToBeEnabledAsync(new() { Timeout = Patience });
        await BrowserScreens.SetNumberAsync(host, "rounds", "2");
        await BrowserScreens.SetNumberAsync(host, "lieSeconds", "180");
        await BrowserScreens.SetNumberAsync(host, "guessSeconds", "120");
        await BrowserScreens.SetNumberAsync(host, "revealStepSeconds", "5");
        await BrowserScreens.SetNumberAsync(host, "scoreboardSeconds", "15");
        await Expect(host.Locator("[data-testid=settings-source]")).ToHaveTextAsync("Custom");
        await _party.ShotAsync(host, "host-0-setup");
        await create.ClickAsync();
        // Blazor navigates inside the page (no load event), so poll the address rather than wait for a navigation.
        await Expect(host).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/host/[A-Z]{4}$"), new() { Timeout = Patience });
        var code = host.Url[^4..];
        var lobby = host.Locator("[data-testid=host-lobby]");
        await Expect(lobby).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(host.Locator("[data-testid=join-qr]")).ToHaveAttributeAsync("data-url", $"{PublicUrl}join?code={code}");
        await Expect(host.Locator("[data-testid=join-address]")).ToHaveTextAsync("192.168.1.20:5141/join");
        await Expect(host.Locator("button[data-testid=play]")).ToBeDisabledAsync();

        // Three phones join through the link the QR code opens.
        var ann = await JoinAsync(code, "Ann", shotName: "phone-1-join");
        var ben = await JoinAsync(code, "Ben");
        var cy = await JoinAsync(code, Cy);
        await Expect(host.Locator("[data-testid=lobby-players] [data-player]")).ToHaveCountAsync(3, new() { Timeout = Patience });
        await _party.ShotAsync(ann, "phone-2-lobby");
        await _party.ShotAsync(host, "host-1-lobby");
        await TvFit.AssertFitsAsync(host, "the lobby");

        // Round 1: the question on the TV, a lie on each phone.
        await host.Locator("button[data-testid=play]").ClickAsync();
        await Expect(host.Locator("[data-phase=lie] [data-testid=blank]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await _party.ShotAsync(host, "host-2-question");
        await Expect(host.Locator("[data-testid=countdown-seconds]")).ToBeVisibleAsync();
        await TvFit.AssertFitsAsync(host, "the lie phase");

        await Expect(ann.Locator("[data-testid=lie-composer]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await ann.Locator("input[data-testid=lie-input]").FillAsync(await TruthAsync(code));
        await ann.Locator("button[data-testid=submit-lie]").ClickAsync();
        await Expect(ann.Locator("[data-testid=lie-composer]")).ToContainTextAsync("actually the real answer", new() { Timeout = Patience });
        await ann.Locator("input[data-testid=lie-input]").FillAsync("a purple walrus");
        await ann.Locator("button[data-testid=submit-lie]").ClickAsync();
        await Expect(ann.Locator("[data-testid=waiting-for]")).ToHaveTextAsync($"Waiting for Ben and {Cy}…", new() { Timeout = Patience });
        await Expect(host.Locator("[data-player=Ann][data-done=true]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await _party.ShotAsync(ann, "phone-4-waiting");

        await Expect(ben.Locator("input[data-testid=lie-input]")).ToBeEnabledAsync(new() { Timeout = Patience });
        await ben.Locator("input[data-testid=lie-input]").FillAsync("a tiny kazoo");
        await _party.ShotAsync(ben, "phone-3-lie");
        await ben.Locator("button[data-testid=submit-lie]").ClickAsync();

        await cy.Locator("button[data-testid=lie-for-me]").ClickAsync();
        await Expect(cy.Locator("button[data-testid=suggestion]")).ToHaveCountAsync(2, new() { Timeout = Patience });
        await _party.ShotAsync(cy, "phone-3-lie-for-me");
        var cyLie = (await cy.Locator("button[data-testid=suggestion]").First.InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(cyLie));
        await cy.Locator("button[data-testid=suggestion]").First.ClickAsync();

        // Everyone lied, so the answers come up at once: the truth and the three lies, shuffled.
        await Expect(host.Locator("[data-phase=guess] [data-testid=answer-board] li")).ToHaveCountAsync(4, new() { Timeout = Patience });
        await Expect(ann.Locator("[data-testid=answer-picker] button[data-answer]")).ToHaveCountAsync(3, new() { Timeout = Patience });
        await Expect(ann.Locator("button[data-answer='a purple walrus']")).ToHaveCountAsync(0);
        await _party.ShotAsync(ben, "phone-5-pick");
        await TvFit.AssertFitsAsync(host, "the guess phase");

        // Ben reacts while he decides: reacting is not picking.
        await ben.Locator("[data-testid=reactions] [data-answer='a purple walrus'] button[data-emoji='😮']").ClickAsync();
        await Expect(host.Locator("[data-answer='a purple walrus'] [data-emoji='😮']")).ToHaveAttributeAsync("data-count", "1", new() { Timeout = Patience });
        await Expect(ben.Locator("[data-testid=answer-picker]")).ToBeVisibleAsync();

        await ann.Locator($"button[data-answer='{BrowserScreens.Css(await TruthAsync(code))}']").ClickAsync();
        // The pick swaps the picker for the waiting screen, whose reactions are new buttons: react once they are there (a
        // click aimed at the old ones while the screen changed hit nothing).
        await Expect(ann.Locator("[data-testid=waiting]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await ann.Locator("[data-testid=reactions] [data-answer='a tiny kazoo'] button[data-emoji='😂']").ClickAsync();
        await Expect(ann.Locator("[data-answer='a tiny kazoo'] button[data-emoji='😂']")).ToBeDisabledAsync(new() { Timeout = Patience });
        await Expect(host.Locator("[data-answer='a tiny kazoo'] [data-emoji='😂']")).ToHaveAttributeAsync("data-count", "1", new() { Timeout = Patience });
        await _party.ShotAsync(host, "host-3-answers");
        await _party.ShotAsync(ann, "phone-6-react");
        await ben.Locator("button[data-answer='a purple walrus']").ClickAsync();
        await cy.Locator("button[data-answer='a tiny kazoo']").ClickAsync();

        // The reveal runs step by step on the TV (lies first, the truth last); each phone learns what happened to it. Steps
        // are on a timer, so only what lasts is asserted: the feedback and the scoreboard stay up until round 2.
        await Expect(host.Locator("[data-testid=reveal-step]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await _party.ShotAsync(host, "host-4-reveal");
        await TvFit.AssertFitsAsync(host, "the reveal");
        await ShotWhenShownAsync(ann, "[data-testid=watch-screen]", "phone-7-watch");
        await ShotWhenShownAsync(host, "[data-testid=reveal-step][data-kind=truth]", "host-5-truth");
        await Expect(ann.Locator("[data-testid=pick-outcome]")).ToHaveTextAsync("🎯 You found the truth!", new() { Timeout = Patience });
        await Expect(ann.Locator("[data-testid=lie-outcome]")).ToHaveTextAsync("😈 Your lie fooled 1 player");
        await Expect(ben.Locator("[data-testid=pick-outcome]")).ToContainTextAsync("You were fooled by Ann");
        await Expect(cy.Locator("[data-testid=pick-outcome]")).ToContainTextAsync("You were fooled by Ben");
        await _party.ShotAsync(ann, "phone-8-feedback");

        await Expect(host.Locator("[data-phase=scoreboard] [data-testid=scores]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(host.Locator("[data-phase=scoreboard] .score-row[data-player=Ann]")).ToHaveAttributeAsync("data-score", "1500");
        await Expect(host.Locator($"[data-phase=scoreboard] .score-row[data-player={Cy}] [data-testid=rank-change]")).ToHaveTextAsync("▼2");
        await _party.ShotAsync(host, "host-6-scoreboard");
        await TvFit.AssertFitsAsync(host, "the scoreboard");
        await Expect(ann.Locator("[data-testid=standing]")).ToContainTextAsync("1st", new() { Timeout = Patience });
        await _party.ShotAsync(ann, "phone-9-standing");
        await BrowserScreens.SkipIfStillShownAsync(host.Locator("button[data-testid=skip-scoreboard]"));

        // Round 2 (triple points): pause and resume from the TV, then Ann's phone reloads mid-phase and carries on.
        await Expect(host.Locator("[data-phase=lie][data-round='2']")).ToBeVisibleAsync(new() { Timeout = Patience });
        await host.Locator("button[data-testid=pause]").ClickAsync();
        await Expect(ben.Locator("[data-testid=paused-overlay]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await _party.ShotAsync(host, "host-7-paused");
        await TvFit.AssertFitsAsync(host, "the pause");
        await _party.ShotAsync(ben, "phone-10-paused");
        await host.Locator("[data-testid=paused-overlay] button[data-testid=resume]").ClickAsync();
        await Expect(ben.Locator("[data-testid=paused-overlay]")).ToHaveCountAsync(0, new() { Timeout = Patience });

        await ann.ReloadAsync();
        await Expect(ann.Locator("[data-testid=lie-composer]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(ann.Locator("[data-testid=my-name]")).ToHaveTextAsync("Ann");
        await Expect(ann.Locator("[data-testid=my-score]")).ToHaveAttributeAsync("data-score", "1500");
        await Expect(host.Locator("[data-phase=lie] [data-testid=player-chips] [data-player]")).ToHaveCountAsync(3);
        await Expect(host.Locator("[data-player=Ann][data-connected=true]")).ToBeVisibleAsync(new() { Timeout = Patience });

        await ann.Locator("input[data-testid=lie-input]").FillAsync("seventeen ducks");
        await ann.Locator("button[data-testid=submit-lie]").ClickAsync();
        await ben.Locator("input[data-testid=lie-input]").FillAsync("a spoon");
        await ben.Locator("button[data-testid=submit-lie]").ClickAsync();
        await cy.Locator("input[data-testid=lie-input]").FillAsync("moonlight");
        await cy.Locator("button[data-testid=submit-lie]").ClickAsync();

        await Expect(host.Locator("[data-phase=guess][data-round='2']")).ToBeVisibleAsync(new() { Timeout = Patience });
        var truth = await TruthAsync(code);
        foreach (var phone in new[] { ann, ben, cy })
        {
            await phone.Locator($"button[data-answer='{BrowserScreens.Css(truth)}']").ClickAsync();
        }

        // The final scoreboard gives way to the podium by itself.
        await Expect(host.Locator("[data-testid=podium]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(host.Locator("[data-testid=podium] [data-player=Ann]")).ToHaveAttributeAsync("data-rank", "1");
        await Expect(host.Locator("[data-testid=awards]")).ToBeVisibleAsync();
        await _party.ShotAsync(host, "host-8-podium");
        await TvFit.AssertFitsAsync(host, "the podium");
        await Expect(ann.Locator("[data-testid=final-place]")).ToHaveTextAsync("You won!", new() { Timeout = Patience });
        await Expect(cy.Locator("[data-testid=final-result]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await _party.ShotAsync(ann, "phone-11-final");
        await AssertScoresAsync(code);

        // Same players: a second game, everyone carried over, the phones moved along by themselves.
        await host.Locator("[data-testid=play-again]").ClickAsync();
        await Expect(host.Locator("[data-testid=same-players]")).ToContainTextAsync($"Ann, Ben, {Cy} come along", new() { Timeout = Patience });
        await Expect(host.Locator("button[data-testid=create-room]")).ToBeEnabledAsync(new() { Timeout = Patience });
        await BrowserScreens.SetNumberAsync(host, "rounds", "1");
        await _party.ShotAsync(host, "host-9-same-players");
        await host.Locator("button[data-testid=create-room]").ClickAsync();
        await Expect(host).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/host/[A-Z]{4}$"), new() { Timeout = Patience });
        var second = host.Url[^4..];
        Assert.NotEqual(code, second);
        await Expect(host.Locator("[data-testid=lobby-players] [data-player]")).ToHaveCountAsync(3, new() { Timeout = Patience });
        foreach (var phone in new[] { ann, ben, cy })
        {
            await Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/play/{second}$"), new() { Timeout = Patience });
            await Expect(phone.Locator("[data-testid=player-lobby]")).ToBeVisibleAsync(new() { Timeout = Patience });
        }

        await Expect(host.Locator("[data-testid=lobby-players] [data-connected=true]")).ToHaveCountAsync(3, new() { Timeout = Patience });
        await _party.ShotAsync(host, "host-10-second-lobby");
        await _party.ShotAsync(cy, "phone-12-moved");
        await host.Locator("button[data-testid=play]").ClickAsync();
        await BrowserScreens.LieAsync(ann, "an umbrella");
        await BrowserScreens.LieAsync(ben, "a teapot");
        await BrowserScreens.LieAsync(cy, "a lighthouse");
        await Expect(host.Locator("[data-phase=guess]")).ToBeVisibleAsync(new() { Timeout = Patience });
        var secondTruth = await TruthAsync(second);
        foreach (var phone in new[] { ann, ben, cy })
        {
            await phone.Locator($"button[data-answer='{BrowserScreens.Css(secondTruth)}']").ClickAsync();
        }

        await Expect(host.Locator("[data-testid=podium]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(ann.Locator("[data-testid=final-result]")).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.Equal(SessionStatus.Finished, (await _app.Services.GetRequiredService<ISessionStore>().GetAsync(second))!.Status);
        Assert.Empty(_party.PageErrors);
        output.WriteLine($"Screenshots: {_party.Screenshots}");
    }

    private async Task AssertScoresAsync(string code)
    {
        var session = await _app.Services.GetRequiredService<ISessionStore>().GetAsync(code);
        Assert.NotNull(session);
        Assert.Equal(SessionStatus.Finished, session.Status);
        var players = session.Players.ToDictionary(p => p.Name, p => p.Id);
        Assert.Equal(3, players.Count);
        var scores = ((BluffState)session.State!).Scores;
        Assert.Equal(1500 + 3000, scores[players["Ann"]]);
        Assert.Equal(500 + 3000, scores[players["Ben"]]);
        Assert.Equal(3000, scores[players[Cy]]);
    }

    /// <summary>Joins as every phone does, and checks the link brought the room code along and led to the room.</summary>
    private async Task<IPage> JoinAsync(string code, string name, string? shotName = null)
    {
        var phone = await _party.OpenJoinPageAsync(code);
        await Expect(phone.Locator("input[data-testid=code]")).ToHaveValueAsync(code);
        await _party.TakeSeatAsync(phone, name, shotName);
        Assert.EndsWith($"/play/{code}", phone.Url, StringComparison.Ordinal);
        return phone;
    }

    /// <summary>The round's truth, read from the server's state (a test may; a screen never can).</summary>
    private async Task<string> TruthAsync(string code)
    {
        var session = await _app.Services.GetRequiredService<ISessionStore>().GetAsync(code);
        return ((BluffState)session!.State!).Question.Truth;
    }

    /// <summary>
    /// Screenshots a state that a timer starts and ends, if it shows up within a few seconds; asserting it would race the
    /// timer on a busy machine, so what the test asserts is the lasting outcome after it.
    /// </summary>
    private async Task ShotWhenShownAsync(IPage page, string selector, string name)
    {
        try
        {
            await page.Locator(selector).WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 12_000 });
        }
        catch (TimeoutException)
        {
            return;
        }

        await _party.ShotAsync(page, name);
    }
}
