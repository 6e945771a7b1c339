using Microsoft.Playwright;
using PartyProtocol.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartyProtocol.Tests.EndToEnd;

/// <summary>
/// A party in a real Chromium for any game's end-to-end test: the live app, a TV-sized page and phone-sized pages (each
/// in its own browser context, so its own storage), every page's errors collected, and screenshots saved under the test
/// output's <c>screenshots/</c> folder.
/// </summary>
public sealed class BrowserParty : IAsyncDisposable
{
    private readonly List<string> _pageErrors = [];
    private readonly List<string> _browserLog = [];
    private readonly string _logName;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private BrowserParty(PartyAppFactory app, string logName)
    {
        App = app;
        _logName = logName;
        Directory.CreateDirectory(Screenshots);
    }

    public PartyAppFactory App { get; }

    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Uncaught errors of every page so far (a clean game has none).</summary>
    public IReadOnlyList<string> PageErrors
    {
        get
        {
            lock (_pageErrors)
            {
                return [.. _pageErrors];
            }
        }
    }

    public static async Task<BrowserParty> StartAsync(PartyAppFactory app, string logName)
    {
        var party = new BrowserParty(app, logName);
        app.EnsureStarted();
        party._playwright = await Playwright.CreateAsync();
        party._browser = await BrowserScreens.LaunchAsync(party._playwright);
        return party;
    }

    public string Url(string path) => new Uri(App.BaseAddress, path).ToString();

    /// <summary>A 1920×1080 TV.</summary>
    public Task<IPage> OpenTvAsync() => OpenAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });

    /// <summary>A phone-sized page.</summary>
    public Task<IPage> OpenPhoneAsync() => OpenAsync(new()
    {
        ViewportSize = new() { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
    });

    /// <summary>A new phone opens the join link (as the QR code does) and waits until it can take a name.</summary>
    public async Task<IPage> OpenJoinPageAsync(string code)
    {
        var phone = await OpenPhoneAsync();
        await phone.GotoAsync(Url($"join?code={code}"));
        await Expect(phone.Locator("input[data-testid=name]")).ToBeEnabledAsync(new() { Timeout = BrowserScreens.Patience });
        return phone;
    }

    /// <summary>A new phone opens the join link (as the QR code does), takes a name and waits in the lobby.</summary>
    public async Task<IPage> JoinAsync(string code, string name, string? shotName = null) =>
        await TakeSeatAsync(await OpenJoinPageAsync(code), name, shotName);

    /// <summary>A phone on the join page takes a name and waits in the lobby.</summary>
    public async Task<IPage> TakeSeatAsync(IPage phone, string name, string? shotName = null)
    {
        await phone.Locator("input[data-testid=name]").FillAsync(name);
        if (shotName is not null)
        {
            await ShotAsync(phone, shotName);
        }

        await phone.Locator("button[data-testid=join]").ClickAsync();
        await Expect(phone.Locator("[data-testid=player-lobby]")).ToBeVisibleAsync(new() { Timeout = BrowserScreens.Patience });
        return phone;
    }

    /// <summary>Saves a screenshot, once the short entrance animations have settled if they do so soon.</summary>
    public async Task ShotAsync(IPage page, string name)
    {
        try
        {
            await page.WaitForFunctionAsync("""
                () => document.getAnimations().every(a =>
                    a.playState !== 'running'
                    || a.effect?.getTiming().iterations === Infinity
                    || a.effect?.target?.closest?.('.countdown'))
                """, null, new() { Timeout = 4_000 });
        }
        catch (TimeoutException)
        {
            // A timed phase moved on meanwhile (on a busy machine): the picture is a record, not an assertion.
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png") });
    }

    public async ValueTask DisposeAsync()
    {
        lock (_browserLog)
        {
            File.WriteAllLines(Path.Combine(Screenshots, _logName + "-browser-log.txt"), _browserLog);
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private async Task<IPage> OpenAsync(BrowserNewContextOptions options)
    {
        var context = await _browser!.NewContextAsync(options);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) =>
        {
            lock (_pageErrors)
            {
                _pageErrors.Add(error);
            }
        };
        page.Console += (_, message) => Log($"{page.Url} console.{message.Type}: {message.Text}");
        page.RequestFailed += (_, request) => Log($"{page.Url} request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Log($"{page.Url} HTTP {response.Status}: {response.Url}");
            }
        };
        return page;
    }

    private void Log(string line)
    {
        lock (_browserLog)
        {
            _browserLog.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        }
    }
}
