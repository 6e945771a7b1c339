using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyProtocol.Tests.EndToEnd;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Sessions;
using static Microsoft.Playwright.Assertions;

namespace PartyProtocol.Tests.Web.Scaleout;

/// <summary>
/// The screens across instances, in a real Chromium: the big screen's Blazor circuit on instance A, the phones' on
/// instance B. Every change a phone makes is committed on B and must reach the big screen through Redis, and the
/// host's Play on A must reach the phones.
/// </summary>
[Collection(ScaleoutCollection.Name)]
public sealed class CrossInstanceBrowserTests : IAsyncLifetime
{
    private const float Patience = 30_000;

    private readonly string _prefix = ScaleoutInstance.NewKeyPrefix();
    private readonly List<string> _pageErrors = [];
    private ScaleoutInstance _a = default!;
    private ScaleoutInstance _b = default!;
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;

    public async Task InitializeAsync()
    {
        _a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, _prefix);
        _b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, _prefix);
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserScreens.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task TheBigScreenOnOneInstanceFollowsAGamePlayedByPhonesOnAnother()
    {
        var host = await OpenAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        await host.GotoAsync(new Uri(_a.App.BaseAddress, "host").ToString());
        var create = host.Locator("button[data-testid=create-room]");
        await Expect(create).ToBeEnabledAsync(new() { Timeout = Patience });
        await BrowserScreens.SetNumberAsync(host, "rounds", "1");
        await BrowserScreens.SetNumberAsync(host, "revealStepSeconds", "1");
        await BrowserScreens.SetNumberAsync(host, "scoreboardSeconds", "1");
        await create.ClickAsync();
        await Expect(host).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/host/[A-Z]{4}$"), new() { Timeout = Patience });
        var code = host.Url[^4..];

        var ann = await JoinOnBAsync(code, "Ann");
        var ben = await JoinOnBAsync(code, "Ben");
        await Expect(host.Locator("[data-testid=lobby-players] [data-player]")).ToHaveCountAsync(2, new() { Timeout = Patience });

        await host.Locator("button[data-testid=play]").ClickAsync();
        await Expect(ann.Locator("[data-testid=lie-composer]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await ann.Locator("input[data-testid=lie-input]").FillAsync("a purple walrus");
        await ann.Locator("button[data-testid=submit-lie]").ClickAsync();
        await Expect(host.Locator("[data-player=Ann][data-done=true]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(ben.Locator("input[data-testid=lie-input]")).ToBeEnabledAsync(new() { Timeout = Patience });
        await ben.Locator("input[data-testid=lie-input]").FillAsync("a tiny kazoo");
        await ben.Locator("button[data-testid=submit-lie]").ClickAsync();

        await Expect(host.Locator("[data-phase=guess] [data-testid=answer-board] li")).ToHaveCountAsync(3, new() { Timeout = Patience });
        var truth = await TruthAsync(code);
        await ann.Locator($"button[data-answer='{BrowserScreens.Css(truth)}']").ClickAsync();
        await ben.Locator("button[data-answer='a purple walrus']").ClickAsync();

        // Reveal, scoreboard and the end all run on deadlines that either instance may fire.
        await Expect(host.Locator("[data-testid=podium]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(host.Locator("[data-testid=podium] [data-player=Ann]")).ToHaveAttributeAsync("data-rank", "1");
        await Expect(ann.Locator("[data-testid=final-place]")).ToHaveTextAsync("You won!", new() { Timeout = Patience });
        await Expect(ben.Locator("[data-testid=final-result]")).ToBeVisibleAsync(new() { Timeout = Patience });

        var session = await _a.App.Services.GetRequiredService<ISessionStore>().GetAsync(code);
        Assert.Equal(SessionStatus.Finished, session!.Status);
        Assert.Empty(_pageErrors);
    }

    private async Task<IPage> JoinOnBAsync(string code, string name)
    {
        var phone = await OpenAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await phone.GotoAsync(new Uri(_b.App.BaseAddress, $"join?code={code}").ToString());
        var nameInput = phone.Locator("input[data-testid=name]");
        await Expect(nameInput).ToBeEnabledAsync(new() { Timeout = Patience });
        await nameInput.FillAsync(name);
        await phone.Locator("button[data-testid=join]").ClickAsync();
        await Expect(phone.Locator("[data-testid=player-lobby]")).ToBeVisibleAsync(new() { Timeout = Patience });
        return phone;
    }

    private async Task<IPage> OpenAsync(BrowserNewContextOptions options)
    {
        var context = await _browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) =>
        {
            lock (_pageErrors)
            {
                _pageErrors.Add(error);
            }
        };
        return page;
    }

    private async Task<string> TruthAsync(string code)
    {
        var session = await _b.App.Services.GetRequiredService<ISessionStore>().GetAsync(code);
        return ((BluffState)session!.State!).Question.Truth;
    }

}
