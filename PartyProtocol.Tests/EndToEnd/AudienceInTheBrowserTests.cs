using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Tests.Web.Audience;
using static Microsoft.Playwright.Assertions;

namespace PartyProtocol.Tests.EndToEnd;

/// <summary>
/// An audience phone in a real Chromium: the join page sends a latecomer to the audience, the static audience page
/// votes in Bluff's guess phase, comes back as the same member after a reload, and its vote earns the lie's author
/// the audience bonus.
/// </summary>
public sealed class AudienceInTheBrowserTests
{
    [Fact]
    public async Task ALatecomerJoinsTheAudienceFromTheJoinPageAndTheirPickFoolsTheAudienceForTheLiesAuthor()
    {
        using var app = new PartyAppFactory();
        await using var party = await BrowserParty.StartAsync(app, "audience");
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(new { rounds = 2, lieSeconds = 600, guessSeconds = 600, revealStepSeconds = 60, scoreboardSeconds = 120 },
            "Ann", "Bob");
        await game.OwnerOkAsync("play");

        // The game runs: a latecomer's join sends them to the audience page.
        var phone = await party.OpenJoinPageAsync(game.Code);
        // Votes go as move messages on the page's WebSocket, not as requests of their own.
        var movesSent = new List<string>();
        var restMoves = new List<string>();
        phone.WebSocket += (_, socket) => socket.FrameSent += (_, frame) =>
        {
            if (frame.Text?.Contains("\"type\":\"move\"", StringComparison.Ordinal) == true)
            {
                lock (movesSent)
                {
                    movesSent.Add(frame.Text);
                }
            }
        };
        phone.Request += (_, request) =>
        {
            if (request.Url.Contains("/moves/", StringComparison.Ordinal) || request.Url.Contains("/audience/picks", StringComparison.Ordinal))
            {
                lock (restMoves)
                {
                    restMoves.Add(request.Url);
                }
            }
        };
        await phone.Locator("input[data-testid=name]").FillAsync("Late");
        await phone.Locator("button[data-testid=join]").ClickAsync();
        await phone.WaitForURLAsync($"**/audience/{game.Code}?from=join", new() { Timeout = BrowserScreens.Patience });
        await Expect(phone.Locator("#status")).ToContainTextAsync("writing their lies", new() { Timeout = BrowserScreens.Patience });
        await party.ShotAsync(phone, "audience-lie-phase");

        await AudienceApiTests.SubmitLiesAsync(game);
        var state = await game.StateAsync();
        var annLie = state.Answers.Single(a => a.Authors.Contains(game.Id("Ann")));
        var truth = state.Answers.Single(a => a.Kind == AnswerKind.Truth);

        // The guess phase reaches the phone over the WebSocket; it picks Ann's lie.
        var pick = phone.Locator($"#choices button[data-choice='{annLie.Id}']");
        await Expect(pick).ToBeEnabledAsync(new() { Timeout = BrowserScreens.Patience });
        await pick.ClickAsync();
        await Expect(phone.Locator("#status")).ToContainTextAsync("Your vote is in", new() { Timeout = BrowserScreens.Patience });
        await Expect(phone.Locator("#tally .bar")).Not.ToHaveCountAsync(0, new() { Timeout = BrowserScreens.Patience });
        await Expect(phone.Locator("#members")).ToContainTextAsync("1 in the audience", new() { Timeout = BrowserScreens.Patience });
        await party.ShotAsync(phone, "audience-voted");

        // A reload is the same member: still one in the audience, and a second vote is not counted (the phone says its vote is in).
        await phone.ReloadAsync();
        var again = phone.Locator($"#choices button[data-choice='{truth.Id}']");
        await Expect(again).ToBeEnabledAsync(new() { Timeout = BrowserScreens.Patience });
        var members = await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Get, game.Path("audience")));
        Assert.Equal(1, members.GetProperty("members").GetInt64());
        await again.ClickAsync();
        await Expect(phone.Locator("#status")).ToContainTextAsync("Your vote is in", new() { Timeout = BrowserScreens.Patience });
        lock (movesSent)
        {
            Assert.Equal(2, movesSent.Count);
            Assert.Contains("\"audience_pick\"", movesSent[0], StringComparison.Ordinal);
        }

        lock (restMoves)
        {
            Assert.Empty(restMoves);
        }

        foreach (var name in new[] { "Ann", "Bob" })
        {
            await game.PlayerOkAsync(name, "guesses", new { answerId = truth.Id });
        }

        await Expect(phone.Locator("#status")).ToContainTextAsync("Votes are closed", new() { Timeout = BrowserScreens.Patience });
        var scored = await game.StateAsync();
        var step = scored.Reveal.Single(s => s.AnswerId == annLie.Id);
        Assert.Equal(1, step.AudiencePicks);
        Assert.Equal(0, scored.Reveal.Single(s => s.AnswerId == truth.Id).AudiencePicks);
        // The whole audience fooled in round 1 (×1): 500.
        Assert.Contains(step.Points, p => p.PlayerId == game.Id("Ann") && p.Points == 500 && p.Reason == "fooled_audience");
        Assert.Empty(party.PageErrors);
    }

    [Fact]
    public async Task AnAudienceJoinOverTheAddresssLimitSaysSoOnThePhoneAndCountsDownToTryAgain()
    {
        using var app = new PartyAppFactory().WithSetting("RateLimits:AudienceJoinsPerMinute", "1");
        await using var party = await BrowserParty.StartAsync(app, "audience-limited");
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(null, "Ann", "Bob");
        // Someone else on this address used the minute's only join.
        await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), System.Net.HttpStatusCode.Created);

        var phone = await party.OpenPhoneAsync();
        await phone.GotoAsync(party.Url($"/audience/{game.Code}"));
        await Expect(phone.Locator("#title")).ToContainTextAsync("Too many people are joining from your network",
            new() { Timeout = BrowserScreens.Patience });
        await Expect(phone.Locator("#status")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Trying again in \d+ s"));
        await Expect(phone.Locator("body")).ToHaveAttributeAsync("data-refused", "rate_limited");
        var members = await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Get, game.Path("audience")));
        Assert.Equal(1, members.GetProperty("members").GetInt64());
        await party.ShotAsync(phone, "audience-rate-limited");
    }
}
