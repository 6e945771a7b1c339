using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PartyProtocol.Tests.Web.Presets.AccountTestClient;

namespace PartyProtocol.Tests.EndToEnd;

/// <summary>
/// A host in a real Chromium writes a three-question Bluff pack in the editor, opens a room that plays only that pack,
/// and the TV shows one of its questions.
/// </summary>
public sealed class PackInTheBrowserTests : IAsyncLifetime
{
    private const float Patience = 30_000;

    private static readonly (string Text, string Truth, string Decoys)[] Questions =
    [
        ("Our office plant is called <BLANK>.", "Gerald", "Steve | Fernando"),
        ("The coffee machine was bought in <BLANK>.", "Lisbon", "Oslo | Tunis"),
        ("The kitchen fridge hums in the key of <BLANK>.", "B flat", "C sharp | A minor"),
    ];

    private readonly PartyAppFactory _app = new();
    private BrowserParty _party = default!;

    public async Task InitializeAsync() => _party = await BrowserParty.StartAsync(_app, "packs");

    public async Task DisposeAsync()
    {
        await _party.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task AHostWritesAThreeQuestionPackAndTheTvPlaysOnlyIt()
    {
        var tv = await _party.OpenTvAsync();
        await tv.GotoAsync(_party.Url("packs/new/bluff"));
        await tv.WaitForURLAsync("**/Account/Login?ReturnUrl=*");
        await tv.ClickAsync("text=Register");
        await tv.FillAsync("#register-email", NewEmail("packs-browser"));
        await tv.FillAsync("#register-password", Password);
        await tv.FillAsync("#register-confirm", Password);
        await tv.ClickAsync("button[type=submit]");
        await tv.WaitForURLAsync("**/packs/new/bluff");

        // The editor: a new pack starts with one empty row; each further question is a row added with the button.
        await Expect(tv.Locator("[data-testid=pack-editor]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await tv.Locator("[data-testid=pack-editor] [data-field=name] input").FillAsync("Office secrets");
        for (var i = 0; i < Questions.Length; i++)
        {
            if (i > 0)
            {
                await tv.Locator("button[data-testid=add-question]").ClickAsync();
            }

            var row = tv.Locator($"tr[data-row='{i}']");
            await row.Locator("td[data-col=text] textarea").First.FillAsync(Questions[i].Text);
            await row.Locator("td[data-col=truth] input").FillAsync(Questions[i].Truth);
            await row.Locator("td[data-col=decoys] input").FillAsync(Questions[i].Decoys);
        }

        await Expect(tv.Locator("tr.has-problems")).ToHaveCountAsync(0);
        await _party.ShotAsync(tv, "packs-1-editor");
        await tv.Locator("button[data-testid=save-pack]").ClickAsync();
        await Expect(tv).ToHaveURLAsync(new Regex("/packs/[0-9]+$"), new() { Timeout = Patience });
        var packRef = "own:" + tv.Url[(tv.Url.LastIndexOf('/') + 1)..];

        // The setup page offers the pack; choosing only it, and 3 rounds, opens a room that plays it.
        await tv.GotoAsync(_party.Url("host?game=bluff"));
        var chip = tv.Locator($"[data-testid=pack-picker] [data-pack='{packRef}']");
        await Expect(chip).ToBeVisibleAsync(new() { Timeout = Patience });
        await chip.ClickAsync();
        await Expect(tv.Locator("[data-testid=pack-summary]")).ToContainTextAsync("1 chosen", new() { Timeout = Patience });
        await BrowserScreens.SetNumberAsync(tv, "rounds", "3");
        await _party.ShotAsync(tv, "packs-2-setup");
        await tv.Locator("button[data-testid=create-room]").ClickAsync();
        await Expect(tv).ToHaveURLAsync(new Regex("/host/[A-Z]{4}$"), new() { Timeout = Patience });
        var code = tv.Url[^4..];

        await _party.JoinAsync(code, "Ann");
        await _party.JoinAsync(code, "Ben");
        await Expect(tv.Locator("[data-testid=lobby-players] [data-player]")).ToHaveCountAsync(2, new() { Timeout = Patience });
        await tv.Locator("button[data-testid=play]").ClickAsync();

        var question = tv.Locator("[data-phase=lie]");
        await Expect(question.Locator("[data-testid=blank]")).ToBeVisibleAsync(new() { Timeout = Patience });
        var shown = await question.InnerTextAsync();
        Assert.Contains(Questions, q => shown.Contains(q.Text[..q.Text.IndexOf('<', StringComparison.Ordinal)].Trim(), StringComparison.Ordinal));
        await _party.ShotAsync(tv, "packs-3-question");

        // The room holds exactly the pack's three questions and no built-in ones.
        var session = await _app.Services.GetRequiredService<ISessionStore>().GetAsync(code);
        var deck = ((BluffSettings)session!.Settings).Deck;
        Assert.Equal(Questions.Select(q => q.Text).Order(StringComparer.Ordinal), deck.Own.Select(q => q.Text).Order(StringComparer.Ordinal));
        Assert.Empty(deck.Packs!);
    }
}
