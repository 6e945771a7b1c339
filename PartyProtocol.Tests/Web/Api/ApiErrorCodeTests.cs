using System.Net;
using PartyProtocol.Core.Cartridges.Bluff;

namespace PartyProtocol.Tests.Web.Api;

/// <summary>Every error code of the public contract, through the real HTTP pipeline.</summary>
public sealed class ApiErrorCodeTests(CapturingAppFactory app) : IClassFixture<CapturingAppFactory>, IDisposable
{
    private readonly ApiTestClient _api = new(app);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task AnEndedSessionIsNotFound()
    {
        var game = await _api.CreateGameAsync();
        await game.OwnerOkAsync("exit");
        await ApiTestClient.ProblemAsync(await _api.SendAsync(HttpMethod.Get, game.Path()), HttpStatusCode.NotFound, "session_not_found");
        await ApiTestClient.ProblemAsync(await _api.PostAsync(game.Path("players"), body: new { name = "Ann" }), HttpStatusCode.NotFound, "session_not_found");
    }

    [Fact]
    public async Task ASecondPlayerWithTheSameNameInAnyCaseIsRefused()
    {
        var game = await _api.CreateGameAsync(players: "Ann");
        await ApiTestClient.ProblemAsync(await _api.PostAsync(game.Path("players"), body: new { name = "ANN" }), HttpStatusCode.Conflict, "name_taken");
    }

    [Fact]
    public async Task AnEmptyOrInvisibleNameIsRefused()
    {
        var game = await _api.CreateGameAsync();
        var problem = await ApiTestClient.ProblemAsync(await _api.PostAsync(game.Path("players"), body: new { name = "   " }),
            HttpStatusCode.UnprocessableEntity, "invalid_name");
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        await ApiTestClient.ProblemAsync(await _api.PostAsync(game.Path("players"), body: new { name = "Ann\u200B" }),
            HttpStatusCode.UnprocessableEntity, "invalid_name");
    }

    [Fact]
    public async Task JoiningAFullRoomIsRefused()
    {
        var game = await _api.CreateGameAsync(new { maxPlayers = 2 }, "Ann", "Bob");
        await ApiTestClient.ProblemAsync(await _api.PostAsync(game.Path("players"), body: new { name = "Cy" }), HttpStatusCode.Conflict, "room_full");
    }

    [Fact]
    public async Task JoiningAGameThatHasStartedIsRefused()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        await game.OwnerOkAsync("play");
        await ApiTestClient.ProblemAsync(await _api.PostAsync(game.Path("players"), body: new { name = "Cy" }), HttpStatusCode.Conflict, "game_in_progress");
    }

    [Fact]
    public async Task AKickedPlayerCannotRejoinWithTheirTokenOrTheirName()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        await ApiTestClient.OkAsync(await _api.SendAsync(HttpMethod.Delete, game.Path($"players/{game.Id("Bob")}"), game.OwnerToken));
        await ApiTestClient.ProblemAsync(await _api.PostAsync(game.Path("players"), game.Token("Bob"), new { name = "Bob" }), HttpStatusCode.Forbidden, "kicked");
        await ApiTestClient.ProblemAsync(await _api.PostAsync(game.Path("players"), body: new { name = "bob" }), HttpStatusCode.Forbidden, "kicked");
        await ApiTestClient.ProblemAsync(await _api.SendAsync(HttpMethod.Get, game.Path(), game.Token("Bob")), HttpStatusCode.Forbidden, "kicked");
    }

    [Fact]
    public async Task OwnerCallsWithoutATokenOrWithAForeignTokenAreUnauthorized()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        var other = await _api.CreateGameAsync();
        await ApiTestClient.ProblemAsync(await _api.PostAsync(game.Path("play")), HttpStatusCode.Unauthorized, "unauthorized");
        await ApiTestClient.ProblemAsync(await _api.PostAsync(game.Path("play"), other.OwnerToken), HttpStatusCode.Unauthorized, "unauthorized");
        await ApiTestClient.ProblemAsync(await _api.SendAsync(HttpMethod.Get, game.Path(), "not-a-token"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task APlayerCannotUseTheOwnersControlsNorTheOwnerAPlayersMoves()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "play"), HttpStatusCode.Forbidden, "forbidden");
        await game.OwnerOkAsync("play");
        await ApiTestClient.ProblemAsync(await _api.PostAsync(game.Path("lies"), game.OwnerToken, new { text = "owner lie" }), HttpStatusCode.Forbidden, "forbidden");
        await ApiTestClient.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, game.Path($"players/{game.Id("Bob")}"), game.Token("Ann")),
            HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task AGuessDuringTheLiePhaseIsTheWrongPhase()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "lies", new { text = "too early" }), HttpStatusCode.Conflict, "wrong_phase");
        await game.OwnerOkAsync("play");
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "guesses", new { answerId = "a1-1" }), HttpStatusCode.Conflict, "wrong_phase");
    }

    [Fact]
    public async Task MixingTheAnswersBeforeEveryoneLiedIsRefused()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        await game.OwnerOkAsync("play");
        await game.PlayerOkAsync("Ann", "lies", new { text = "a paper moon" });
        var problem = await ApiTestClient.ProblemAsync(await game.OwnerAsync("answers/mix"), HttpStatusCode.Conflict, "phase_not_complete");
        Assert.Contains("Bob", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MovesWhilePausedAreRefusedUntilPlay()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        await game.OwnerOkAsync("play");
        await game.OwnerOkAsync("pause");
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "lies", new { text = "a paper moon" }), HttpStatusCode.Conflict, "paused");
        await game.OwnerOkAsync("play");
        await game.PlayerOkAsync("Ann", "lies", new { text = "a paper moon" });
    }

    [Fact]
    public async Task ALieEqualToTheTruthIsRefused()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        await game.OwnerOkAsync("play");
        var problem = await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "lies", new { text = (await game.TruthAsync()).ToUpperInvariant() }),
            HttpStatusCode.UnprocessableEntity, "lie_is_truth");
        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _));
    }

    [Fact]
    public async Task PickingOnesOwnLieIsRefused()
    {
        var game = await GuessPhaseAsync();
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "guesses", new { answerId = await game.AnswerIdAsync("ann's fib") }),
            HttpStatusCode.UnprocessableEntity, "own_lie");
    }

    [Fact]
    public async Task ASecondLieInTheSameRoundIsRefused()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob", "Cy");
        await game.OwnerOkAsync("play");
        await game.PlayerOkAsync("Ann", "lies", new { text = "a paper moon" });
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "lies", new { text = "a second thought" }), HttpStatusCode.Conflict, "already_submitted");
    }

    [Fact]
    public async Task GuessingAnAnswerThatIsNotInTheRoundIsRefused()
    {
        var game = await GuessPhaseAsync();
        var problem = await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "guesses", new { answerId = "no-such-answer" }),
            HttpStatusCode.UnprocessableEntity, "unknown_answer");
        Assert.True(problem.GetProperty("errors").TryGetProperty("answerId", out _));
    }

    [Fact]
    public async Task SettingsOutOfRangeAreInvalidInputNamingTheSetting()
    {
        var problem = await ApiTestClient.ProblemAsync(await _api.PostAsync("/api/sessions", body: new { game = "bluff", settings = new { rounds = 0 } }),
            HttpStatusCode.UnprocessableEntity, "invalid_input");
        Assert.True(problem.GetProperty("errors").TryGetProperty("settings.rounds", out _));
        var tooLong = await ApiTestClient.ProblemAsync(await _api.PostAsync("/api/sessions", body: new { game = "bluff", settings = new { colour = "red" } }),
            HttpStatusCode.UnprocessableEntity, "invalid_input");
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("settings.colour", out _));
    }

    [Fact]
    public async Task ALieLongerThanTheLimitIsInvalidInput()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        await game.OwnerOkAsync("play");
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "lies", new { text = new string('x', BluffCartridge.MaxLieLength + 1) }),
            HttpStatusCode.UnprocessableEntity, "invalid_input");
    }

    [Fact]
    public async Task AnUnknownGameIsRefused()
    {
        var problem = await ApiTestClient.ProblemAsync(await _api.PostAsync("/api/sessions", body: new { game = "chess" }),
            HttpStatusCode.UnprocessableEntity, "unknown_game");
        Assert.Contains("bluff", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMoveTheGameDoesNotHaveIsUnknown()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "teleport"), HttpStatusCode.NotFound, "unknown_move");
    }

    [Fact]
    public async Task ReactingTwiceWithTheSameEmojiIsRefused()
    {
        var game = await GuessPhaseAsync();
        var bobs = await game.AnswerIdAsync("bob's fib");
        await game.PlayerOkAsync("Ann", "reactions", new { answerId = bobs, emoji = "❤️" });
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "reactions", new { answerId = bobs, emoji = "❤️" }), HttpStatusCode.Conflict, "already_reacted");
    }

    [Fact]
    public async Task StartingWithTooFewPlayersIsRefused()
    {
        var game = await _api.CreateGameAsync(null, "Ann");
        await ApiTestClient.ProblemAsync(await game.OwnerAsync("play"), HttpStatusCode.Conflict, "not_enough_players");
    }

    [Fact]
    public async Task ThereIsNoPresetWithoutAPresetSource()
    {
        await ApiTestClient.ProblemAsync(await _api.PostAsync("/api/sessions", body: new { presetId = 7 }), HttpStatusCode.NotFound, "preset_not_found");
    }

    [Fact]
    public async Task TheSameTokenReattachesTheSameSeat()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob");
        var again = await ApiTestClient.OkAsync(await _api.PostAsync(game.Path("players"), game.Token("Ann")));
        Assert.Equal(game.Id("Ann"), again.GetProperty("playerId").GetString());
        Assert.True(again.GetProperty("rejoined").GetBoolean());
        var view = await game.ViewAsync("Ann");
        Assert.Equal(2, view.GetProperty("players").GetArrayLength());
        Assert.Equal(game.Id("Ann"), view.GetProperty("you").GetProperty("playerId").GetString());
    }

    private async Task<RestGame> GuessPhaseAsync()
    {
        var game = await _api.CreateGameAsync(null, "Ann", "Bob", "Cy");
        await game.OwnerOkAsync("play");
        await game.PlayerOkAsync("Ann", "lies", new { text = "ann's fib" });
        await game.PlayerOkAsync("Bob", "lies", new { text = "bob's fib" });
        await game.PlayerOkAsync("Cy", "lies", new { text = "cy's fib" });
        Assert.Equal(BluffPhases.Guess, (await game.StateAsync()).Phase);
        return game;
    }
}
