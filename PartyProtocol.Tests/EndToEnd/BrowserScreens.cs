using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PartyProtocol.Tests.EndToEnd;

/// <summary>What the browser tests share: how Chromium is started, how long to wait, and the screens' common steps.</summary>
public static class BrowserScreens
{
    /// <summary>The same flags as the benchmark's browser phones, so both measure the same browser.</summary>
    public static readonly string[] ChromiumArgs = PartyProtocol.Bench.Phones.PhoneBrowser.ChromiumArgs;

    public const float Patience = 30_000;

    public static BrowserNewContextOptions Tv => new() { ViewportSize = new() { Width = 1920, Height = 1080 } };

    public static BrowserNewContextOptions Phone => new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true };

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });

    /// <summary>Escapes a text for a quoted CSS attribute selector.</summary>
    public static string Css(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);

    /// <summary>Types a value into a generated setting field and checks it took.</summary>
    public static async Task SetNumberAsync(IPage page, string setting, string value)
    {
        var input = page.Locator($"[data-setting={setting}] input");
        await input.FillAsync(value);
        await input.BlurAsync();
        await Expect(input).ToHaveValueAsync(value);
    }

    /// <summary>A phone opens the join link (as the QR code does), picks a name and waits in the lobby.</summary>
    public static async Task JoinAsync(IPage phone, Uri baseAddress, string code, string name)
    {
        await phone.GotoAsync(new Uri(baseAddress, $"join?code={code}").ToString());
        var nameInput = phone.Locator("input[data-testid=name]");
        await Expect(nameInput).ToBeEnabledAsync(new() { Timeout = Patience });
        await nameInput.FillAsync(name);
        await phone.Locator("button[data-testid=join]").ClickAsync();
        await Expect(phone.Locator("[data-testid=player-lobby]")).ToBeVisibleAsync(new() { Timeout = Patience });
    }

    /// <summary>Writes a lie on a phone in the lie phase.</summary>
    public static async Task LieAsync(IPage phone, string lie)
    {
        var input = phone.Locator("input[data-testid=lie-input]");
        await Expect(input).ToBeEnabledAsync(new() { Timeout = Patience });
        await input.FillAsync(lie);
        await phone.Locator("button[data-testid=submit-lie]").ClickAsync();
    }
}
