using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartyProtocol.Tests.EndToEnd;

/// <summary>Reloads and new browsers in a real Chromium: nobody loses their turn or their seat.</summary>
[Trait("Category", "Slow")]
public sealed class RejoinInTheBrowserTests : IAsyncLifetime
{
    private const float Patience = BrowserScreens.Patience;
    private readonly PartyAppFactory _app = new();
    private BrowserParty _party = default!;

    public async Task InitializeAsync() => _party = await BrowserParty.StartAsync(_app, "rejoin");

    public async Task DisposeAsync()
    {
        await _party.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task APhoneReloadingAfterTheOthersLiedKeepsItsTurnAndADeadPhonesPlayerTakesTheSeatBackFromAnotherBrowser()
    {
        var games = _app.Services.GetRequiredService<GameService>();
        var created = await games.CreateSessionAsync(BluffCartridge.GameKey, new Dictionary<string, System.Text.Json.JsonElement>
        {
            ["lieSeconds"] = System.Text.Json.JsonSerializer.SerializeToElement(600),
            ["guessSeconds"] = System.Text.Json.JsonSerializer.SerializeToElement(600),
        });
        var code = created.Value!.Code;
        var tv = await _party.OpenTvAsync();
        await tv.GotoAsync(_party.Url($"host/{code}"));
        var ann = await _party.JoinAsync(code, "Ann");
        var ben = await _party.JoinAsync(code, "Ben");
        var cy = await _party.JoinAsync(code, "Cy");
        Assert.True((await games.PlayAsync(code, created.Value.OwnerToken)).IsSuccess);

        await BrowserScreens.LieAsync(ann, "a purple walrus");
        await BrowserScreens.LieAsync(ben, "a tiny kazoo");
        await Expect(tv.Locator("[data-player=Ben][data-done=true]")).ToBeVisibleAsync(new() { Timeout = Patience });

        // Cy reloads while the room waits only for Cy: the circuit drops, but the lie phase waits through the grace.
        await cy.ReloadAsync();
        await Expect(cy.Locator("[data-testid=lie-composer]")).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.Equal(BluffPhases.Lie, (await StateAsync(code)).Phase);
        await BrowserScreens.LieAsync(cy, "moonlight");
        await Expect(tv.Locator("[data-phase=guess] [data-testid=answer-board] li")).ToHaveCountAsync(4, new() { Timeout = Patience });
        Assert.Equal(3, (await StateAsync(code)).Lies.Count);

        // Ben's phone dies: the big screen shows him away; from another browser he takes his seat back by name.
        await ben.Context.CloseAsync();
        await Expect(tv.Locator("[data-testid=player-chips] [data-player=Ben]")).ToHaveAttributeAsync("data-connected", "false", new() { Timeout = Patience });
        var benAgain = await _party.OpenJoinPageAsync(code);
        await benAgain.Locator("input[data-testid=name]").FillAsync("ben");
        await benAgain.Locator("button[data-testid=join]").ClickAsync();

        await Expect(benAgain.Locator("[data-testid=answer-picker]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(benAgain.Locator("[data-testid=my-name]")).ToHaveTextAsync("Ben");
        await Expect(benAgain.Locator("button[data-answer='a tiny kazoo']")).ToHaveCountAsync(0);
        await Expect(tv.Locator("[data-testid=player-chips] [data-player=Ben]")).ToHaveAttributeAsync("data-connected", "true", new() { Timeout = Patience });
        var session = await _app.Services.GetRequiredService<ISessionStore>().GetAsync(code);
        Assert.Equal(3, session!.Players.Count);
        Assert.Empty(_party.PageErrors);
    }

    private async Task<BluffState> StateAsync(string code) =>
        (BluffState)(await _app.Services.GetRequiredService<ISessionStore>().GetAsync(code))!.State!;
}
