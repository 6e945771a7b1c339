using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PartyProtocol.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartyProtocol.Tests.EndToEnd;

/// <summary>
/// What a party hears and sees around the game, in a real Chromium: the clock's seconds counted down by the browser and
/// frozen by a pause, the TV's sound cues (the last five seconds' ticks among them) while a phone stays silent, one
/// download of the font, and an API reference that calls nothing outside this machine.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PartyExtrasInTheBrowserTests : IAsyncLifetime
{
    private readonly PartyAppFactory _app = new();
    private BrowserParty _party = default!;

    public async Task InitializeAsync() => _party = await BrowserParty.StartAsync(_app, "extras");

    public async Task DisposeAsync()
    {
        await _party.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task TheClockCountsDownInTheBrowserFreezesWhenPausedAndTheTvTicksThroughTheLastFiveSeconds()
    {
        using var api = _app.CreateLiveClient();
        var created = await (await api.PostAsJsonAsync("api/sessions", new { game = "bluff", settings = new { lieSeconds = 9 } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var code = created.GetProperty("code").GetString()!;
        var owner = created.GetProperty("ownerToken").GetString()!;
        var tv = await _party.OpenTvAsync();
        await tv.GotoAsync(_party.Url($"host/{code}"));
        await Expect(tv.Locator("[data-testid=host-lobby]")).ToBeVisibleAsync(new() { Timeout = BrowserScreens.Patience });
        await Expect(tv.Locator("[data-testid=sound-control]")).ToHaveAttributeAsync("data-muted", "false", new() { Timeout = BrowserScreens.Patience });
        await tv.WaitForFunctionAsync("() => window.partySound?.log.includes('loop:on')", null, new() { Timeout = BrowserScreens.Patience });

        var ann = await _party.JoinAsync(code, "Ann");
        await _party.JoinAsync(code, "Ben");
        await tv.WaitForFunctionAsync("() => window.partySound.log.includes('join')", null, new() { Timeout = BrowserScreens.Patience });
        // A phone is silent unless its owner turns sound on.
        await ann.WaitForFunctionAsync("() => window.partySound?.settings.muted === true", null, new() { Timeout = BrowserScreens.Patience });

        using var play = new HttpRequestMessage(HttpMethod.Post, $"api/sessions/{code}/play");
        play.Headers.Authorization = new("Bearer", owner);
        Assert.True((await api.SendAsync(play)).IsSuccessStatusCode);

        var seconds = tv.Locator("[data-testid=countdown-seconds]");
        await Expect(seconds).ToBeVisibleAsync(new() { Timeout = BrowserScreens.Patience });
        var first = await SecondsAsync(seconds);
        Assert.InRange(first, 6, 9);
        await tv.WaitForTimeoutAsync(2_100);
        var later = await SecondsAsync(seconds);
        Assert.InRange(later, first - 3, first - 1);

        // Into the last five seconds: the number is red and the TV ticks.
        await tv.WaitForFunctionAsync("() => window.partySound.log.includes('tick')", null, new() { Timeout = 8_000 });
        using var pause = new HttpRequestMessage(HttpMethod.Post, $"api/sessions/{code}/pause");
        pause.Headers.Authorization = new("Bearer", owner);
        Assert.True((await api.SendAsync(pause)).IsSuccessStatusCode);
        await Expect(tv.Locator("[data-testid=countdown][data-paused=true]")).ToBeVisibleAsync(new() { Timeout = BrowserScreens.Patience });
        var frozen = await SecondsAsync(seconds);
        await tv.WaitForTimeoutAsync(1_500);
        Assert.Equal(frozen, await SecondsAsync(seconds));
        Assert.InRange(frozen, 1, 5);
        Assert.Contains("is-urgent", await seconds.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        await Expect(tv.Locator("[data-phase=lie]")).ToBeVisibleAsync();
        await _party.ShotAsync(tv, "host-clock-last-seconds");

        // The volume and mute are the TV's own, remembered by this browser.
        await tv.Locator("[data-testid=sound-mute]").ClickAsync();
        await Expect(tv.Locator("[data-testid=sound-control]")).ToHaveAttributeAsync("data-muted", "true");
        await tv.ReloadAsync();
        await Expect(tv.Locator("[data-testid=sound-control]")).ToHaveAttributeAsync("data-muted", "true", new() { Timeout = BrowserScreens.Patience });
        Assert.Empty(_party.PageErrors);
    }

    [Fact]
    public async Task TheApiReferenceWorksOfflineAndTheFontIsDownloadedOnce()
    {
        var page = await _party.OpenTvAsync();
        var requests = new List<string>();
        var warnings = new List<string>();
        page.Request += (_, request) => { lock (requests) { requests.Add(request.Url); } };
        page.Console += (_, message) => { if (message.Type is "warning" or "error") { lock (warnings) { warnings.Add(message.Text); } } };

        await page.GotoAsync(_party.Url(""), new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.WaitForTimeoutAsync(500);
        lock (requests)
        {
            Assert.Single(requests, url => url.Contains("fredoka-latin-wght-normal", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(warnings, w => w.Contains("preload", StringComparison.OrdinalIgnoreCase));

        await page.GotoAsync(_party.Url("scalar"), new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Expect(page.GetByText("PartyProtocol API").First).ToBeVisibleAsync(new() { Timeout = BrowserScreens.Patience });
        await Expect(page.GetByText("List the installed games").First).ToBeVisibleAsync(new() { Timeout = BrowserScreens.Patience });
        await page.WaitForTimeoutAsync(1_000);
        await _party.ShotAsync(page, "api-reference-offline");
        lock (requests)
        {
            var outside = requests.Where(url => !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal)
                && new Uri(url).Host != "127.0.0.1").ToList();
            Assert.True(outside.Count == 0, "The page called out to: " + string.Join(", ", outside));
        }

        Assert.Equal(0, await page.Locator("text=Open in Scalar").CountAsync());
    }

    private static async Task<int> SecondsAsync(ILocator seconds) =>
        int.Parse(await seconds.EvaluateAsync<string>("e => getComputedStyle(e).getPropertyValue('--pp-secs').trim()"),
            System.Globalization.CultureInfo.InvariantCulture);
}
