using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Moderation;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Moderation;

/// <summary>The host's censor (hide a nickname, hide a lie), family-friendly mode's word list, and streamer mode.</summary>
public sealed class ModerationTests : IDisposable
{
    private readonly TestEngine _engine = new();

    public void Dispose() => _engine.Dispose();

    [Theory]
    [InlineData("shit")]
    [InlineData("Sh1t")]
    [InlineData("BigShit")]
    [InlineData("what the fuck")]
    [InlineData("f.u.c.k")]
    [InlineData("bullshits")]
    [InlineData("two girls, 2 girls 1 cup")]
    public void TheListCatchesTheWordsHoweverTheyAreWritten(string text) => Assert.True(ProfanityFilter.Default.IsProfane(text), text);

    [Theory]
    [InlineData("Scunthorpe")]
    [InlineData("a classy assassin")]
    [InlineData("cocktail hour")]
    [InlineData("Analyst")]
    [InlineData("seventeen ducks")]
    [InlineData("Ann")]
    public void OrdinaryWordsThatContainOnePass(string text) => Assert.False(ProfanityFilter.Default.IsProfane(text), text);

    [Fact]
    public void ConfigurationAddsWords()
    {
        Assert.False(ProfanityFilter.Default.IsProfane("a stinky kumquat"));
        var extended = new ProfanityFilter(["kumquat"]);
        Assert.True(extended.IsProfane("a stinky Kumquat"));
        Assert.True(extended.Count > ProfanityFilter.Default.Count);
    }

    [Fact]
    public async Task FamilyFriendlyRoomsRefuseRudeNicknamesAndLiesWithAStableCode()
    {
        var game = await _engine.CreateAsync(null, "Ann", "Ben");
        var rude = await _engine.Service.JoinAsync(game.Code, "BigShit", null);
        Assert.Equal(ErrorCodes.NotFamilyFriendly, rude.Error?.Code);
        Assert.Equal(ErrorKind.Invalid, rude.Error!.Kind);
        Assert.Contains("name", rude.Error.Errors!.Keys);

        Assert.True((await game.PlayAsync()).IsSuccess);
        var lie = await game.LieAsync("Ann", "a pile of shit");
        Assert.Equal(ErrorCodes.NotFamilyFriendly, lie.Error?.Code);
        Assert.Contains("text", lie.Error!.Errors!.Keys);
        Assert.True((await game.LieAsync("Ann", "a pile of socks")).IsSuccess);
    }

    [Fact]
    public async Task RoomsThatAreNotFamilyFriendlyLetThemThrough()
    {
        var game = await _engine.CreateAsync(new { familyFriendly = false }, "Ann", "Ben");
        Assert.True((await _engine.Service.JoinAsync(game.Code, "BigShit", null)).IsSuccess);
        Assert.True((await game.PlayAsync()).IsSuccess);
        Assert.True((await game.LieAsync("Ann", "a pile of shit")).IsSuccess);
    }

    [Fact]
    public async Task AHiddenNicknameBecomesPlayerNEverywhereAndThePlayerIsTold()
    {
        var game = await _engine.CreateAsync(null, "Ann", "Bobby Tables", "Cy");

        Assert.Equal(ErrorCodes.Forbidden, (await _engine.Service.HideNameAsync(game.Code, game.Id("Ann"), game.Token("Cy"))).Error?.Code);
        Assert.True((await _engine.Service.HideNameAsync(game.Code, game.Id("Bobby Tables"), game.OwnerToken)).IsSuccess);

        Assert.Equal(new PlayerNameHidden(game.Id("Bobby Tables"), "Player 2"), _engine.EventsOf(game.Code).Last().Data);
        var host = await game.ViewAsync();
        Assert.Equal(["Ann", "Player 2", "Cy"], host.Players.Select(p => p.Name));
        Assert.True(host.Players[1].NameHidden);
        var phone = await game.ViewAsync("Bobby Tables");
        Assert.True(phone.You.NameHidden);
        Assert.Equal("Player 2", phone.You.Name);
        Assert.False((await game.ViewAsync("Ann")).You.NameHidden);

        // In the game too: the cartridge only ever sees the new name.
        var before = _engine.EventsOf(game.Code).Count;
        Assert.True((await game.PlayAsync()).IsSuccess);
        await game.LieAllAsync(("Ann", "fib one"), ("Bobby Tables", "fib two"), ("Cy", "fib three"));
        var later = _engine.EventsOf(game.Code).Skip(before).ToList();
        Assert.Contains(later, e => e.Data.ToString()!.Contains("Player 2", StringComparison.Ordinal));
        Assert.DoesNotContain(later, e => e.Data.ToString()!.Contains("Bobby", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AHiddenLieBecomesAHouseLieItsAuthorKeepsThePointsAndIsTold()
    {
        var game = await _engine.CreateAsync(null, "Ann", "Ben", "Cy");
        Assert.True((await game.PlayAsync()).IsSuccess);
        await game.LieAllAsync(("Ann", "a rude fib"), ("Ben", "fib two"), ("Cy", "fib three"));
        var rude = await game.AnswerIdAsync("a rude fib");

        Assert.Equal(BluffErrors.CannotHide, (await _engine.Service.MoveAsync(game.Code, game.OwnerToken, "hide_lie", new HideLie(await game.TruthIdAsync()))).Error?.Code);
        Assert.Equal(ErrorCodes.Forbidden, (await game.MoveAsync("Ben", "hide_lie", new HideLie(rude))).Error?.Code);
        Assert.True((await _engine.Service.MoveAsync(game.Code, game.OwnerToken, "hide_lie", new HideLie(rude))).IsSuccess);

        var hidden = _engine.EventsOf(game.Code).Last();
        var replacement = ((LieHidden)hidden.Data).Text;
        Assert.Equal(new LieHidden(rude, replacement, Yours: false), hidden.Data);
        Assert.Equal(new LieHidden(rude, replacement, Yours: true), hidden.DataFor(Viewer.Player(game.Id("Ann"))));
        Assert.NotEqual("a rude fib", replacement);
        Assert.DoesNotContain((await game.BluffAsync()).Answers!, a => a.Text == "a rude fib");
        Assert.Contains((await game.BluffAsync()).Answers!, a => a.Id == rude && a.Text == replacement);
        Assert.True((await game.BluffAsync("Ann")).You!.LieHidden);
        Assert.False((await game.BluffAsync("Ben")).You!.LieHidden);

        // Ben falls for it: Ann's points for fooling him still count.
        Assert.True((await game.GuessAsync("Ben", rude)).IsSuccess);
        Assert.True((await game.GuessAsync("Ann", await game.TruthIdAsync())).IsSuccess);
        Assert.True((await game.GuessAsync("Cy", await game.TruthIdAsync())).IsSuccess);
        var state = await game.RevealToScoreboardAsync(TimeSpan.FromSeconds(4));
        Assert.Equal(1000 + 500, state.ScoreOf(game.Id("Ann")));
        Assert.Contains(state.Reveal, s => s.AnswerId == rude && s.Text == replacement);
    }

    [Fact]
    public async Task StreamerModeHidesNamesFromScreensUntilTheGameStartsAndSendsLateJoinersToTheAudience()
    {
        var created = await _engine.Service.CreateSessionAsync(BluffCartridge.GameKey, null, new RoomOptions(StreamerMode: true, HideNames: true));
        var game = new TestGame(_engine, created.Value!.Code, created.Value!.OwnerToken);
        await game.JoinAsync("Ann");
        await game.JoinAsync("Ben");

        Assert.Equal(["Player 1", "Player 2"], (await game.ViewAsync()).Players.Select(p => p.Name));
        Assert.Equal(["Ann", "Ben"], (await game.ViewAsync("Ann")).Players.Select(p => p.Name));
        Assert.Equal(LateJoinerPolicy.Audience, (await game.ViewAsync()).Room.LateJoiners);

        Assert.True((await game.PlayAsync()).IsSuccess);
        Assert.Equal(["Ann", "Ben"], (await game.ViewAsync()).Players.Select(p => p.Name));
        var late = await _engine.Service.JoinAsync(game.Code, "Zed", null);
        Assert.Equal(ErrorCodes.GameInProgress, late.Error?.Code);
        Assert.Contains("stream", late.Error!.Message, StringComparison.Ordinal);
    }
}
