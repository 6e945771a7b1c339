using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Tests.Web.Realtime;
using PartyProtocol.Web.Protection;
using static Microsoft.Playwright.Assertions;

namespace PartyProtocol.Tests.EndToEnd;

/// <summary>
/// The pages in a real Chromium: the /join page's room-code check draws on the same budget of unknown codes as the
/// API, and a Blazor circuit takes its place under the per-client connection cap — both know the client through the
/// circuit's own connection.
/// </summary>
public sealed class AbuseInTheBrowserTests : IAsyncLifetime
{
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserScreens.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task TheJoinPageRunsOutOfUnknownCodesLikeTheApi()
    {
        using var app = new PartyAppFactory().WithSetting("RateLimits:UnknownCodesPerMinute", "2");
        using var api = new ApiTestClient(app);
        var live = await api.CreateGameAsync(null, "Ann");
        await using var context = await _browser.NewContextAsync(BrowserScreens.Phone);
        var phone = await context.NewPageAsync();
        await phone.GotoAsync(new Uri(app.BaseAddress, "join").ToString());
        var code = phone.Locator("input[data-testid=code]");
        var name = phone.Locator("input[data-testid=name]");
        await Expect(name).ToBeEnabledAsync(new() { Timeout = BrowserScreens.Patience });
        await name.FillAsync("Eve");

        foreach (var (guess, expected) in new[] { ("QZAB", "There is no game"), ("QZAC", "There is no game"), ("QZAD", "Too many room codes"), (live.Code, "Too many room codes") })
        {
            await code.FillAsync(guess);
            await phone.Locator("button[data-testid=join]").ClickAsync();
            await Expect(phone.Locator("[data-testid=join-form]")).ToContainTextAsync(expected, new() { Timeout = BrowserScreens.Patience });
            await Expect(phone.Locator("[data-testid=join-form]")).Not.ToContainTextAsync(expected == "Too many room codes" ? "There is no game" : "Too many",
                new() { Timeout = BrowserScreens.Patience });
        }

        // The page and the API share the budget: the API refuses this client too.
        await ApiTestClient.ProblemAsync(await api.SendAsync(HttpMethod.Get, live.Path()), HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Single((await live.SessionAsync())!.Players);
    }

    [Fact]
    public async Task ACircuitCountsAgainstTheClientsConnectionCap()
    {
        using var app = new PartyAppFactory().WithSetting("Realtime:MaxConnectionsPerAddress", "1");
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(null, "Ann");
        var limiter = app.Services.GetRequiredService<ConnectionLimiter>();

        await using var context = await _browser.NewContextAsync(BrowserScreens.Phone);
        var phone = await context.NewPageAsync();
        await phone.GotoAsync(new Uri(app.BaseAddress, "join").ToString());
        await Expect(phone.Locator("input[data-testid=name]")).ToBeEnabledAsync(new() { Timeout = BrowserScreens.Patience });
        await Eventually.TrueAsync(() => limiter.ConnectionsFrom("127.0.0.1") == 1, "the circuit to be counted");

        Assert.Equal((429, "too_many_connections"), await SocketListener.RefusedAsync(app.BaseAddress, $"ws/game/{game.Code}/?role=host"));
        await ApiTestClient.ProblemAsync(await api.Http.PostAsync(new Uri("_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null),
            HttpStatusCode.TooManyRequests, "too_many_connections");

        await phone.CloseAsync();
        await Eventually.TrueAsync(() => limiter.ConnectionsFrom("127.0.0.1") == 0, "the closed page's circuit to give its place back");
        await using var screen = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "role=host");
    }
}
