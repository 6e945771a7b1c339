using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Play;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Core.Sessions;
using PartyProtocol.Web.Components.Browser;
using PartyProtocol.Web.Components.Pages.Host;
using PartyProtocol.Web.Components.Pages.Play;
using PartyProtocol.Web.Components.Shared;

namespace PartyProtocol.Tests.Web.Components;

/// <summary>
/// The party experience on the screens (issue 14): play again with the same players, the clock's seconds, the scores
/// re-sorting after counting, reactions while deciding, clearer fields, moderation, streamer mode and sound cues.
/// </summary>
public sealed class PartyExperienceTests : ScreensTestBase
{
    [Fact]
    public async Task TheClockShowsTheSecondsLeftCountedDownByTheBrowserAndStepsOnTheDeadlinesSeconds()
    {
        var game = await RoomAsync(new { lieSeconds = 40 }, "Ann", "Ben");
        await game.PlayAsync();
        Engine.Time.Advance(TimeSpan.FromMilliseconds(10_300));

        var clock = (await game.ViewAsync()).Clock;
        var cut = Render<CountdownBar>(p => p.Add(c => c.Clock, clock).Add(c => c.Large, true));

        var seconds = cut.Find("[data-testid=countdown-seconds]");
        Assert.Equal("30", seconds.GetAttribute("data-seconds"));
        var style = seconds.GetAttribute("style")!;
        // 29.7 s left: "30" for 0.7 s, then one step down per second, ending at 0 on the deadline.
        Assert.Contains("--secs: 30;", style, StringComparison.Ordinal);
        Assert.Contains("--secs-steps: 30;", style, StringComparison.Ordinal);
        Assert.Contains("--secs-duration: 30000ms;", style, StringComparison.Ordinal);
        Assert.Contains("--secs-delay: -300ms;", style, StringComparison.Ordinal);
        Assert.Contains("--urgent-delay: 24700ms;", style, StringComparison.Ordinal);
        Assert.Contains("is-large", cut.Find("[data-testid=countdown]").ClassList);
    }

    [Fact]
    public async Task APausedClockShowsItsSecondsFrozenAndTheLastFiveSecondsAreMarked()
    {
        var game = await RoomAsync(new { lieSeconds = 40 }, "Ann", "Ben");
        await game.PlayAsync();
        Engine.Time.Advance(TimeSpan.FromSeconds(36.5));
        await game.PauseAsync();

        var clock = (await game.ViewAsync()).Clock;
        var cut = Render<CountdownBar>(p => p.Add(c => c.Clock, clock));

        var seconds = cut.Find("[data-testid=countdown-seconds]");
        Assert.Equal("4", seconds.GetAttribute("data-seconds"));
        Assert.Contains("animation: none", seconds.GetAttribute("style")!, StringComparison.Ordinal);
        Assert.Contains("is-urgent", seconds.ClassList);
    }

    [Fact]
    public void TheRevealsScorePanelKeepsTheOldOrderUntilTheNumbersCountedUp()
    {
        var after = new List<RankedPlayer> { new(1, "b", "Ben", 500, null), new(2, "a", "Ann", 100, null) };
        var before = new Dictionary<string, int> { ["a"] = 100, ["b"] = 0 };

        var cut = Render<Leaderboard>(p => p.Add(l => l.Players, after).Add(l => l.From, before).Add(l => l.CountDelay, 2).Add(l => l.SortAfter, 3.3));

        Assert.Equal(["Ann", "Ben"], cut.FindAll(".score-row").Select(r => r.GetAttribute("data-player")));
        Assert.Equal(["1", "2"], cut.FindAll(".score-row").Select(r => r.GetAttribute("data-rank")));
        Assert.Equal("false", cut.Find("[data-testid=scores]").GetAttribute("data-sorted"));

        Engine.Time.Advance(TimeSpan.FromSeconds(3.4));

        cut.WaitForAssertion(() => Assert.Equal(["Ben", "Ann"], cut.FindAll(".score-row").Select(r => r.GetAttribute("data-player"))), Wait);
        Assert.Equal("true", cut.Find("[data-testid=scores]").GetAttribute("data-sorted"));
    }

    [Fact]
    public async Task PlayersReactWhileTheyDecideWithoutPickingAndTheTvShowsTheCounts()
    {
        var game = await RoomAsync(null, "Ann", "Ben", "Cy");
        await ToGuessAsync(game, ("Ann", "ann's lie"), ("Ben", "ben's lie"), ("Cy", "cy's lie"));
        await KeepPlayerTokenAsync(game, "Ann");
        var phone = Render<PlayerScreen>(p => p.Add(s => s.Code, game.Code));
        phone.WaitForAssertion(() => Assert.Single(phone.FindAll("[data-testid=answer-picker]")), Wait);

        phone.Find("[data-testid=reactions] [data-answer=\"ben's lie\"] button[data-emoji='😂']").Click();

        phone.WaitForAssertion(() => Assert.Single(phone.FindAll("[data-testid=answer-picker]")), Wait);
        Assert.False((await game.StateAsync()).Guesses.ContainsKey(game.Id("Ann")));
        Assert.Equal(1, (await game.BluffAsync()).Answers!.Single(a => a.Text == "ben's lie").Reactions["😂"]);
        Assert.Empty(phone.FindAll(".reaction-row.is-picked"));
    }

    [Fact]
    public void ACorrectedCodeClearsTheOldRefusalAndANameOfSpacesSaysWhy()
    {
        Navigation.NavigateTo("/join?code=QQQQ");
        var cut = Render<Join>();
        cut.Find("input[data-testid=name]").Input("Ann");
        cut.Find("form[data-testid=join-form]").Submit();
        cut.WaitForAssertion(() => Assert.Contains("There is no game with the code", cut.Markup, StringComparison.Ordinal), Wait);

        cut.Find("input[data-testid=code]").Input("QQQR");
        Assert.DoesNotContain("There is no game with the code", cut.Markup, StringComparison.Ordinal);

        cut.Find("input[data-testid=name]").Input("   ");
        Assert.Contains("A name needs at least one letter or digit, not just spaces.", cut.Markup, StringComparison.Ordinal);
        Assert.True(cut.Find("button[data-testid=join]").HasAttribute("disabled"));
        // The reason takes the counter's place under the field: never both on one line.
        Assert.DoesNotContain("/ 16", cut.Find("[data-testid=join-form]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALieOfSpacesSaysWhyItCannotBeSubmitted()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await game.PlayAsync();
        await KeepPlayerTokenAsync(game, "Ann");
        var phone = Render<PlayerScreen>(p => p.Add(s => s.Code, game.Code));
        phone.WaitForAssertion(() => Assert.Single(phone.FindAll("[data-testid=lie-composer]")), Wait);

        phone.Find("input[data-testid=lie-input]").Input("   ");

        Assert.Contains("A lie needs at least one letter or digit, not just spaces.", phone.Markup, StringComparison.Ordinal);
        Assert.True(phone.Find("button[data-testid=submit-lie]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task SubmitStaysOnWithAnEmptyLieSoEnterAlwaysSubmitsAndSaysWhatIsMissing()
    {
        // A browser ignores Enter in a form whose submit button is disabled; a quick typist's Enter can arrive before
        // the server has heard the first keystroke, so the button must not wait for it.
        var game = await RoomAsync(null, "Ann", "Ben");
        await game.PlayAsync();
        await KeepPlayerTokenAsync(game, "Ann");
        var phone = Render<PlayerScreen>(p => p.Add(s => s.Code, game.Code));
        phone.WaitForAssertion(() => Assert.Single(phone.FindAll("[data-testid=lie-composer]")), Wait);
        Assert.False(phone.Find("button[data-testid=submit-lie]").HasAttribute("disabled"));

        await phone.Find("form[data-testid=lie-composer]").SubmitAsync();

        Assert.Contains("Write your lie first, then send it.", phone.Markup, StringComparison.Ordinal);
        Assert.Null(((BluffState)(await Engine.Store.GetAsync(game.Code))!.State!).Lies.GetValueOrDefault(game.Id("Ann")));
    }

    [Fact]
    public async Task AfterGameOverTheOwnerChoosesSamePlayersOrNewPlayers()
    {
        var game = await PlayAgainTests.FinishedGameAsync(Engine);
        await Tokens.SaveAsync(SessionTokenKind.Owner, game.Code, game.OwnerToken);
        var cut = Render<HostScreen>(p => p.Add(s => s.Code, game.Code));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=podium]")), Wait);
        Assert.Equal($"/host?game=bluff&again={game.Code}", cut.Find("[data-testid=play-again]").GetAttribute("href"));
        Assert.Equal($"/host?game=bluff&from={game.Code}", cut.Find("[data-testid=new-players]").GetAttribute("href"));
    }

    [Fact]
    public async Task APhoneFollowsItsPlayersToTheNewRoomWithTheSameToken()
    {
        var game = await PlayAgainTests.FinishedGameAsync(Engine);
        await KeepPlayerTokenAsync(game, "Ann");
        var phone = Render<PlayerScreen>(p => p.Add(s => s.Code, game.Code));
        phone.WaitForAssertion(() => Assert.Single(phone.FindAll("[data-testid=final-result]")), Wait);

        var again = await Engine.Service.PlayAgainAsync(game.Code, game.OwnerToken, null, null);

        phone.WaitForAssertion(() => Assert.EndsWith($"/play/{again.Value!.Code}", Navigation.Uri, StringComparison.Ordinal), Wait);
        Assert.Equal(game.Token("Ann"), Tokens.Peek(SessionTokenKind.Player, again.Value!.Code));
    }

    [Fact]
    public async Task TheOwnerHidesANicknameAndThatPlayersPhoneSaysSo()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await Engine.Service.HideNameAsync(game.Code, game.Id("Ben"), game.OwnerToken);
        await KeepPlayerTokenAsync(game, "Ben");

        var phone = Render<PlayerScreen>(p => p.Add(s => s.Code, game.Code));

        phone.WaitForAssertion(() => Assert.Contains("you're Player 2 now", phone.Find("[data-testid=name-hidden]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("Player 2", phone.Find("[data-testid=my-name]").TextContent);
    }

    [Fact]
    public async Task TheOwnersTvHidesALieWithOneTapAndItsAuthorIsTold()
    {
        var game = await RoomAsync(null, "Ann", "Ben", "Cy");
        await ToGuessAsync(game, ("Ann", "a rude fib"), ("Ben", "ben's lie"), ("Cy", "cy's lie"));
        var tv = Render<HostScreen>(p => p.Add(s => s.Code, game.Code));
        tv.WaitForAssertion(() => Assert.Equal(4, tv.FindAll("[data-testid=hide-lie]").Count), Wait);

        tv.Find("[data-answer='a rude fib'] [data-testid=hide-lie]").Click();

        tv.WaitForAssertion(() => Assert.Empty(tv.FindAll("[data-answer='a rude fib']")), Wait);
        await KeepPlayerTokenAsync(game, "Ann");
        var phone = Render<PlayerScreen>(p => p.Add(s => s.Code, game.Code));
        phone.WaitForAssertion(() => Assert.Single(phone.FindAll("[data-testid=lie-hidden]")), Wait);
    }

    [Fact]
    public async Task StreamerModeKeepsTheCodeOffTheTvUntilSomeoneShowsIt()
    {
        var created = await Engine.Service.CreateSessionAsync(BluffCartridge.GameKey, null, new RoomOptions(StreamerMode: true));
        var tv = Render<HostScreen>(p => p.Add(s => s.Code, created.Value!.Code));
        tv.WaitForAssertion(() => Assert.Single(tv.FindAll("[data-testid=code-hidden]")), Wait);
        Assert.Empty(tv.FindAll("[data-testid=room-code]"));
        Assert.Empty(tv.FindAll("[data-testid=join-qr]"));

        tv.Find("[data-testid=show-code]").Click();

        Assert.Single(tv.FindAll("[data-testid=room-code]"));
        Assert.Single(tv.FindAll("[data-testid=join-qr]"));
    }

    [Fact]
    public async Task TheTvAsksForTheLobbyMusicAJoinChimeAPhaseChimeAndTheTruthFanfare()
    {
        var game = await RoomAsync(null, "Ann");
        var tv = Render<HostScreen>(p => p.Add(s => s.Code, game.Code));
        var sound = Services.GetRequiredService<SoundBoard>();
        tv.WaitForAssertion(() => Assert.Contains("loop:on", sound.Requested), Wait);

        await game.JoinAsync("Ben");
        tv.WaitForAssertion(() => Assert.Contains(SoundBoard.Cues.Join, sound.Requested), Wait);
        await ToGuessAsync(game, ("Ann", "ann's lie"), ("Ben", "ben's lie"));
        tv.WaitForAssertion(() => Assert.Contains(SoundBoard.Cues.Phase, sound.Requested), Wait);
        Assert.Contains("loop:off", sound.Requested);
        await ToRevealAsync(game, ("Ann", null), ("Ben", null));
        tv.WaitForAssertion(() => Assert.Contains(SoundBoard.Cues.Truth, sound.Requested), Wait);
    }
}
