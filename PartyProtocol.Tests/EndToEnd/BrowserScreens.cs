using Microsoft.Playwright;
using PartyProtocol.Bench.Phones;
using static Microsoft.Playwright.Assertions;

namespace PartyProtocol.Tests.EndToEnd;

/// <summary>What the browser tests share: how Chromium is started, how long to wait, and the screens' common steps.</summary>
public static class BrowserScreens
{
    public const float Patience = 30_000;

    public static BrowserNewContextOptions Tv => PhoneBrowser.Tv;

    public static BrowserNewContextOptions Phone => PhoneBrowser.Phone;

    /// <summary>The system's Chromium with the benchmark's flags, so the tests and the browser phones measure the same browser.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => PhoneBrowser.LaunchAsync(playwright, "/usr/bin/chromium");

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

    /// <summary>A skip or "next" button saves waiting out a timer; if the timer won already, there is nothing to skip.</summary>
    public static async Task SkipIfStillShownAsync(ILocator button)
    {
        try
        {
            if (await button.IsVisibleAsync())
            {
                await button.ClickAsync(new() { Timeout = 5_000 });
            }
        }
        catch (TimeoutException)
        {
            // The phase ended by its timer between the look and the click.
        }
    }
}
