using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Sessions;

/// <summary>"Play again" with the same players: a new room, everyone carried over, every client told where to go.</summary>
public sealed class PlayAgainTests : IDisposable
{
    private readonly TestEngine _engine = new();

    public void Dispose() => _engine.Dispose();

    /// <summary>A one-round Bluff played to its podium by Ann, Ben and Cy.</summary>
    internal static async Task<TestGame> FinishedGameAsync(TestEngine engine, params string[] players)
    {
        var game = await engine.CreateAsync(new { rounds = 1 }, players.Length == 0 ? ["Ann", "Ben", "Cy"] : players);
        Assert.True((await game.PlayAsync()).IsSuccess);
        await game.LieAllAsync([.. game.Players.Keys.Select((p, i) => (p, $"fib number {i + 1}"))]);
        foreach (var player in game.Players.Keys)
        {
            Assert.True((await game.GuessAsync(player, await game.TruthIdAsync())).IsSuccess);
        }

        await game.RevealToScoreboardAsync(TimeSpan.FromSeconds(4));
        Assert.True((await game.OwnerMoveAsync("finish_game")).IsSuccess);
        Assert.Equal("finished", (await game.ViewAsync()).Status);
        return game;
    }

    [Fact]
    public async Task SamePlayersAreSeatedInANewRoomWithTheirIdsNamesAndTokensAndEveryClientIsTold()
    {
        var game = await FinishedGameAsync(_engine);

        var again = await _engine.Service.PlayAgainAsync(game.Code, game.OwnerToken, null, null);

        Assert.True(again.IsSuccess, again.Error?.Message);
        var to = again.Value!.Code;
        Assert.NotEqual(game.Code, to);
        var moved = _engine.EventsOf(game.Code).Last();
        Assert.Equal(EventTypes.SessionMoved, moved.Type);
        Assert.Equal(new SessionMoved(to, BluffCartridge.GameKey), moved.Data);
        Assert.Equal(to, (await game.ViewAsync()).MovedTo);

        // Each player's old token is their seat in the new room: the phone switches the code and carries on.
        foreach (var (name, joined) in game.Players)
        {
            var view = await _engine.Service.GetViewAsync(to, joined.PlayerToken);
            Assert.True(view.IsSuccess, view.Error?.Message);
            Assert.Equal(("player", joined.PlayerId, name), (view.Value!.You.Role, view.Value!.You.PlayerId, view.Value!.You.Name));
        }

        var lobby = (await _engine.Service.GetViewAsync(to, again.Value!.OwnerToken)).Value;
        Assert.Equal(("lobby", "owner"), (lobby!.Status, lobby.You.Role));
        Assert.Equal(["Ann", "Ben", "Cy"], lobby.Players.Select(p => p.Name));
        Assert.All(lobby.Players, p => Assert.False(p.Connected));
        Assert.True((await _engine.Service.PlayAsync(to, again.Value!.OwnerToken)).IsSuccess);
    }

    [Fact]
    public async Task AnotherGameCanBeChosenAndItsSettingsAreValidated()
    {
        using var engine = PartyProtocol.Tests.Core.Cartridges.Quiz.QuizTestGame.Engine();
        var game = await FinishedGameAsync(engine);

        var invalid = await engine.Service.PlayAgainAsync(game.Code, game.OwnerToken, "quiz", TestEngine.Settings(new { questions = 1 }));
        Assert.Equal(ErrorCodes.InvalidInput, invalid.Error?.Code);
        var unknown = await engine.Service.PlayAgainAsync(game.Code, game.OwnerToken, "chess", null);
        Assert.Equal(ErrorCodes.UnknownGame, unknown.Error?.Code);

        var quiz = await engine.Service.PlayAgainAsync(game.Code, game.OwnerToken, "quiz", TestEngine.Settings(new { questions = 5 }));
        Assert.True(quiz.IsSuccess, quiz.Error?.Message);
        var view = (await engine.Service.GetViewAsync(quiz.Value!.Code, quiz.Value!.OwnerToken)).Value;
        Assert.Equal("quiz", view!.Game);
        Assert.Equal(3, view.Players.Count);
        Assert.Equal(new SessionMoved(quiz.Value!.Code, "quiz"), engine.EventsOf(game.Code).Last().Data);
    }

    [Fact]
    public async Task OnlyTheOwnerAfterGameOverAndOnlyOnce()
    {
        var running = await _engine.CreateAsync(null, "Ann", "Ben");
        Assert.Equal(ErrorCodes.WrongPhase, (await _engine.Service.PlayAgainAsync(running.Code, running.OwnerToken, null, null)).Error?.Code);

        var game = await FinishedGameAsync(_engine);
        Assert.Equal(ErrorCodes.Forbidden, (await _engine.Service.PlayAgainAsync(game.Code, game.Token("Ann"), null, null)).Error?.Code);
        Assert.Equal(ErrorCodes.Unauthorized, (await _engine.Service.PlayAgainAsync(game.Code, null, null, null)).Error?.Code);
        Assert.True((await _engine.Service.PlayAgainAsync(game.Code, game.OwnerToken, null, null)).IsSuccess);
        var twice = await _engine.Service.PlayAgainAsync(game.Code, game.OwnerToken, null, null);
        Assert.Equal(ErrorCodes.WrongPhase, twice.Error?.Code);
        Assert.Contains("already moved on", twice.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MorePlayersThanTheNewGameSeatsIsRoomFull()
    {
        var game = await FinishedGameAsync(_engine);
        var small = await _engine.Service.PlayAgainAsync(game.Code, game.OwnerToken, null, TestEngine.Settings(new { maxPlayers = 2 }));
        Assert.Equal(ErrorCodes.RoomFull, small.Error?.Code);
    }

    [Fact]
    public async Task TheSameGameCarriesThePlayedQuestionsAndAvoidsThem()
    {
        var game = await FinishedGameAsync(_engine);
        var first = (await game.StateAsync()).Question.Id;

        // The host changes a setting for the next game; the questions' history comes along all the same.
        var again = await _engine.Service.PlayAgainAsync(game.Code, game.OwnerToken, null, TestEngine.Settings(new { rounds = 2 }));
        var stored = await _engine.Store.GetAsync(again.Value!.Code);
        var settings = (BluffSettings)stored!.Settings;
        Assert.Equal(2, settings.Rounds);
        Assert.Equal([first], settings.Deck.Played);

        Assert.True((await _engine.Service.PlayAsync(again.Value!.Code, again.Value!.OwnerToken)).IsSuccess);
        var replay = (BluffState)(await _engine.Store.GetAsync(again.Value!.Code))!.State!;
        Assert.NotEqual(first, replay.Question.Id);
    }

    [Fact]
    public async Task PacksTheHostPicksForTheNextGameAreItsQuestionsAndWhatWasPlayedStillComesLast()
    {
        var game = await FinishedGameAsync(_engine);
        var first = (await game.StateAsync()).Question.Id;
        var bluff = (BluffCartridge)_engine.Registry.Get(BluffCartridge.GameKey);
        var pack = bluff.Library.Entry(first)!.Pack.Pack;
        var bound = bluff.BindSettings(TestEngine.Settings(new { rounds = 1 })).Value!;
        var picked = bluff.WithQuestions(bound, new QuestionChoice([pack], []));
        Assert.True(picked.IsSuccess, picked.Error?.Message);

        var again = await _engine.Service.PlayAgainAsync(game.Code, game.OwnerToken, bluff, picked.Value!, questionsChosenAnew: true);

        Assert.True(again.IsSuccess, again.Error?.Message);
        var deck = ((BluffSettings)(await _engine.Store.GetAsync(again.Value!.Code))!.Settings).Deck;
        Assert.Equal([pack], deck.Packs);
        Assert.Equal([first], deck.Played);
        Assert.True((await _engine.Service.PlayAsync(again.Value.Code, again.Value.OwnerToken)).IsSuccess);
        var replay = ((BluffState)(await _engine.Store.GetAsync(again.Value.Code))!.State!).Question.Id;
        Assert.NotEqual(first, replay);
        Assert.Equal(pack, bluff.Library.Entry(replay)!.Pack.Pack);
    }

    [Fact]
    public async Task TheRoomOptionsComeAlong()
    {
        var created = await _engine.Service.CreateSessionAsync(BluffCartridge.GameKey, TestEngine.Settings(new { rounds = 1 }),
            new RoomOptions(StreamerMode: true));
        var game = new TestGame(_engine, created.Value!.Code, created.Value!.OwnerToken);
        Assert.True((await _engine.Service.GetViewAsync(game.Code, (string?)null)).Value!.Room.StreamerMode);
        await game.JoinAsync("Ann");
        await game.JoinAsync("Ben");
        Assert.True((await game.PlayAsync()).IsSuccess);
        await game.LieAllAsync(("Ann", "one fib"), ("Ben", "two fibs"));
        Assert.True((await game.GuessAsync("Ann", await game.TruthIdAsync())).IsSuccess);
        Assert.True((await game.GuessAsync("Ben", await game.TruthIdAsync())).IsSuccess);
        await game.RevealToScoreboardAsync(TimeSpan.FromSeconds(4));
        Assert.True((await game.OwnerMoveAsync("finish_game")).IsSuccess);

        var again = await _engine.Service.PlayAgainAsync(game.Code, game.OwnerToken, null, null);
        Assert.True((await _engine.Service.GetViewAsync(again.Value!.Code, (string?)null)).Value!.Room.StreamerMode);
    }
}
