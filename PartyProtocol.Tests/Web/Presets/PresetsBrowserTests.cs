using Microsoft.Playwright;
using PartyProtocol.Tests.Infrastructure;
using static PartyProtocol.Tests.Web.Presets.AccountTestClient;

namespace PartyProtocol.Tests.Web.Presets;

/// <summary>A host in a real Chromium: registers on the static page, then saves a preset on the interactive page.</summary>
public sealed class PresetsBrowserTests(PartyAppFactory app) : IClassFixture<PartyAppFactory>
{
    [Fact]
    public async Task AHostRegistersAndSavesAPresetInTheBrowser()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseAddress.ToString() });
        page.SetDefaultTimeout(30_000);
        var email = NewEmail("browser");

        await page.GotoAsync("presets");
        await page.WaitForURLAsync("**/Account/Login?ReturnUrl=%2Fpresets");
        await page.ClickAsync("text=Register");
        await page.FillAsync("#register-email", email);
        await page.FillAsync("#register-password", Password);
        await page.FillAsync("#register-confirm", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/presets");

        // Buttons are disabled until the circuit is interactive; Playwright waits for them to be enabled.
        await page.ClickAsync("text=New Bluff preset");
        await page.FillAsync("[data-field='name'] input", "Browser night");
        await page.FillAsync("[data-setting='rounds'] input", "30");
        await page.ClickAsync("button:has-text('Save preset')");
        await Assertions.Expect(page.Locator("[data-setting='rounds']")).ToContainTextAsync("between 1 and 20");

        await page.FillAsync("[data-setting='rounds'] input", "4");
        await page.ClickAsync("button:has-text('Save preset')");
        await Assertions.Expect(page.Locator("li[data-preset-id]")).ToContainTextAsync("Browser night");
        await Assertions.Expect(page.Locator("li[data-preset-id]")).ToContainTextAsync("Rounds 4");

        await page.ClickAsync("button:has-text('Sign out')");
        await page.WaitForURLAsync("**/Account/Login?ReturnUrl=%2Fpresets");
    }
}
