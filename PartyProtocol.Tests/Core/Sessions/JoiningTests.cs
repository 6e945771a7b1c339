using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Tests.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Sessions;

public sealed class JoiningTests
{
    [Fact]
    public async Task ANicknameIsTrimmedAndItsInnerWhiteSpaceCollapsed()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync();

        var joined = await engine.Service.JoinAsync(game.Code, "   Mary \u00A0  Jane  ", null).OkAsync();

        Assert.Equal("Mary Jane", joined.Name);
        Assert.Equal("Mary Jane", Assert.Single((await game.ViewAsync()).Players).Name);
    }

    [Fact]
    public async Task ANicknameIsNormalisedSoADecomposedAccentEqualsTheComposedOne()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync();
        const string decomposed = "Zoe\u0301";
        const string composed = "Zo\u00E9";

        var joined = await engine.Service.JoinAsync(game.Code, decomposed, null).OkAsync();

        Assert.Equal(composed, joined.Name);
        await engine.Service.JoinAsync(game.Code, composed, null).RefusedAsync(ErrorCodes.NameTaken);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("Sixteen chars ok")]
    [InlineData("Ünïcödé Nämé")]
    [InlineData("👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽")]
    public async Task NicknamesOfOneToSixteenCharactersAreAccepted(string name)
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync();

        var joined = await engine.Service.JoinAsync(game.Code, name, null).OkAsync();

        Assert.Equal(name, joined.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("    ")]
    [InlineData("Seventeen chars!!")]
    [InlineData("Bell\u0007")]
    [InlineData("Two\nLines")]
    [InlineData("An\u200Bn")]
    [InlineData("\u202EnnA")]
    [InlineData("Ann\u2066")]
    [InlineData("Nul\u0000")]
    public async Task AnInvalidNicknameIsRefusedAsInvalidName(string name)
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync();

        var error = await engine.Service.JoinAsync(game.Code, name, null).RefusedAsync(ErrorCodes.InvalidName);

        Assert.Equal(new[] { "name" }, error.Errors!.Keys);
        Assert.Empty((await game.ViewAsync()).Players);
    }

    [Fact]
    public async Task AMissingNicknameIsRefusedAsInvalidName()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync();

        await engine.Service.JoinAsync(game.Code, null, null).RefusedAsync(ErrorCodes.InvalidName);
    }

    [Theory]
    [InlineData("ann")]
    [InlineData("ANN")]
    [InlineData(" Ann ")]
    public async Task ANicknameAlreadyTakenIgnoringCaseIsRefused(string name)
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann");

        await engine.Service.JoinAsync(game.Code, name, null).RefusedAsync(ErrorCodes.NameTaken);

        Assert.Single((await game.ViewAsync()).Players);
    }

    [Fact]
    public async Task JoiningAFullSessionIsRefusedAsRoomFull()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { maxPlayers = 3 }, "Ann", "Bob", "Cy");

        var error = await engine.Service.JoinAsync(game.Code, "Dee", null).RefusedAsync(ErrorCodes.RoomFull);

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal(3, (await game.ViewAsync()).Players.Count);
    }

    [Fact]
    public async Task JoiningAnUnknownSessionIsRefusedAsSessionNotFound()
    {
        using var engine = new TestEngine();

        var error = await engine.Service.JoinAsync("ABCD", "Ann", null).RefusedAsync(ErrorCodes.SessionNotFound);

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task JoiningAStartedGameIsRefusedAsGameInProgress()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        await engine.Service.JoinAsync(game.Code, "Cy", null).RefusedAsync(ErrorCodes.GameInProgress);
        await game.PauseAsync().OkAsync();
        await engine.Service.JoinAsync(game.Code, "Cy", null).RefusedAsync(ErrorCodes.GameInProgress);
    }

    [Fact]
    public async Task AKickedPlayerCannotRejoinByTokenNorByName()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");

        await engine.Service.RemovePlayerAsync(game.Code, game.Id("Bob"), game.OwnerToken).OkAsync();

        await engine.Service.JoinAsync(game.Code, "Robert", game.Token("Bob")).RefusedAsync(ErrorCodes.Kicked);
        await engine.Service.JoinAsync(game.Code, "bob", null).RefusedAsync(ErrorCodes.Kicked);
        await engine.Service.GetViewAsync(game.Code, game.Token("Bob")).RefusedAsync(ErrorCodes.Kicked);
        Assert.Equal(new[] { "Ann" }, (await game.ViewAsync()).Players.Select(p => p.Name));
        Assert.Contains(engine.EventsOf(game.Code), e => e.Type == EventTypes.PlayerKicked);
    }

    [Fact]
    public async Task APlayerWhoLeftTheLobbyMayJoinAgain()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");

        await engine.Service.RemovePlayerAsync(game.Code, game.Id("Bob"), game.Token("Bob")).OkAsync();
        var again = await engine.Service.JoinAsync(game.Code, "Bob", null).OkAsync();

        Assert.False(again.Rejoined);
        Assert.Equal(new[] { "Ann", "Bob" }, (await game.ViewAsync()).Players.Select(p => p.Name));
    }

    [Fact]
    public async Task RejoiningWithOnesTokenMidGameReattachesTheSamePlayerWithTheSameScore()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { rounds = 2 }, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();
        var guess = await game.LieAllAsync(("Ann", "a lie by ann"), ("Bob", "a lie by bob"), ("Cy", "a lie by cy"));
        await game.GuessAsync("Ann", guess.Truth().Id).OkAsync();
        await game.GuessAsync("Bob", guess.Answer("a lie by ann").Id).OkAsync();
        await game.GuessAsync("Cy", guess.Truth().Id).OkAsync();
        await game.RevealToScoreboardAsync(TimeSpan.FromSeconds(4));

        // Ann's phone drops off during the scoreboard, then comes back with its saved token (and whatever name it sends).
        await engine.Service.SetConnectedAsync(game.Code, game.Id("Ann"), connected: false).OkAsync();
        Assert.False((await game.ViewAsync()).Players.Single(p => p.Name == "Ann").Connected);
        var rejoined = await engine.Service.JoinAsync(game.Code, "Someone else", game.Token("Ann")).OkAsync();

        Assert.True(rejoined.Rejoined);
        Assert.Equal((game.Id("Ann"), "Ann", game.Token("Ann")), (rejoined.PlayerId, rejoined.Name, rejoined.PlayerToken));
        var view = await game.ViewAsync("Ann");
        Assert.Equal(3, view.Players.Count);
        Assert.True(view.Players.Single(p => p.Name == "Ann").Connected);
        // Round 1 scores ×1: Ann found the truth (1000) and fooled Bob (500).
        Assert.Equal(1500, ((BluffView)view.State!).You!.Score);
        Assert.Equal(EventTypes.PlayerConnected, engine.EventsOf(game.Code)[^1].Type);
    }

    [Fact]
    public async Task RejoiningWhileStillConnectedChangesNothing()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        var seq = (await game.ViewAsync()).Seq;

        var rejoined = await engine.Service.JoinAsync(game.Code, null, game.Token("Ann")).OkAsync();

        Assert.True(rejoined.Rejoined);
        Assert.Equal(game.Id("Ann"), rejoined.PlayerId);
        Assert.Equal(seq, (await game.ViewAsync()).Seq);
        Assert.Equal(2, (await game.ViewAsync()).Players.Count);
    }

    [Fact]
    public async Task ADroppedPlayerTakesTheirSeatBackByNameFromAnotherDeviceWithTheirScore()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { lieSeconds = 600 }, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        await game.LieAsync("Ann", "a lie before the phone died").OkAsync();
        await engine.Service.SetConnectedAsync(game.Code, game.Id("Ann"), connected: false).OkAsync();

        // Another browser: the room code and the same name, in any case.
        var taken = await engine.Service.JoinAsync(game.Code, "ANN", null).OkAsync();

        Assert.True(taken.Rejoined);
        Assert.Equal((game.Id("Ann"), "Ann"), (taken.PlayerId, taken.Name));
        Assert.NotEqual(game.Token("Ann"), taken.PlayerToken);
        var view = await engine.Service.GetViewAsync(game.Code, taken.PlayerToken).OkAsync();
        Assert.Equal("a lie before the phone died", ((BluffView)view.State!).You!.Lie);
        Assert.True(view.Players.Single(p => p.Name == "Ann").Connected);
        Assert.Equal(2, view.Players.Count);
        // The old device's token no longer holds the seat.
        await engine.Service.GetViewAsync(game.Code, game.Token("Ann")).RefusedAsync(ErrorCodes.Unauthorized);
        Assert.Equal(EventTypes.PlayerConnected, engine.EventsOf(game.Code)[^1].Type);
    }

    [Fact]
    public async Task ASeatWhosePlayerIsConnectedCannotBeTakenByName()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        var refused = await engine.Service.JoinAsync(game.Code, "ann", null).RefusedAsync(ErrorCodes.NameTaken);

        Assert.Contains("close it there first", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await game.ViewAsync()).Players.Count);
    }

    [Fact]
    public async Task ANewNameMidGameIsToldHowToTakeASeatBackAndAKickedPlayerCannot()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Bob", "Cy");
        await game.PlayAsync().OkAsync();

        var late = await engine.Service.JoinAsync(game.Code, "Dee", null).RefusedAsync(ErrorCodes.GameInProgress);
        Assert.Contains("same name", late.Message, StringComparison.Ordinal);

        await engine.Service.RemovePlayerAsync(game.Code, game.Id("Cy"), game.OwnerToken).OkAsync();
        await engine.Service.JoinAsync(game.Code, "Cy", null).RefusedAsync(ErrorCodes.Kicked);
    }
}
