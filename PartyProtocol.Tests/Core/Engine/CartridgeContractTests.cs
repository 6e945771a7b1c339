using System.Text.Json;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Engine;

public sealed class CartridgeContractTests
{
    private static Dictionary<string, JsonElement> Raw(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    private static async Task<(CreatedSession Session, JoinedPlayer Ann, JoinedPlayer Bob)> QuizAsync(TestEngine engine, string settings = "{}")
    {
        var created = await engine.Service.CreateSessionAsync("quick-quiz", Raw(settings)).OkAsync();
        var ann = await engine.Service.JoinAsync(created.Code, "Ann", null).OkAsync();
        var bob = await engine.Service.JoinAsync(created.Code, "Bob", null).OkAsync();
        return (created, ann, bob);
    }

    private static Task<Result<MoveReply>> AnswerAsync(TestEngine engine, string code, JoinedPlayer player, int choice) =>
        engine.Service.MoveAsync(code, player.PlayerToken, "answer", new QuickQuizAnswer(choice));

    private static async Task<QuickQuizState> QuizStateAsync(TestEngine engine, string code) =>
        (QuickQuizState)(await engine.Store.GetAsync(code))!.State!;

    [Fact]
    public async Task AnotherGameRunsOnTheSamePlatformAsItIs()
    {
        using var engine = new TestEngine(moreGames: [new QuickQuizCartridge()]);
        var (quiz, ann, bob) = await QuizAsync(engine, """{ "questions": 2, "answerSeconds": 20 }""");

        Assert.Equal(new[] { "bluff", "quick-quiz" }, engine.Service.Games.Select(g => g.Key).Order(StringComparer.Ordinal));
        Assert.Equal("answer", (await engine.Service.FindMoveByRouteAsync(quiz.Code, "answers").OkAsync()).Name);
        await engine.Service.PlayAsync(quiz.Code, quiz.OwnerToken).OkAsync();
        engine.Time.Advance(TimeSpan.FromSeconds(5));

        // 15 of 20 seconds left: the right choice earns 1000 × 15/20.
        var first = await AnswerAsync(engine, quiz.Code, ann, 0).OkAsync();
        Assert.Equal("""{"points":750}""", Json.Text(first.Result!));
        await AnswerAsync(engine, quiz.Code, bob, 2).OkAsync();
        Assert.Equal(2, (await QuizStateAsync(engine, quiz.Code)).Question);
        engine.Time.Advance(TimeSpan.FromSeconds(20));

        var view = await engine.Service.GetViewAsync(quiz.Code, ann.PlayerToken).OkAsync();
        Assert.Equal(("finished", "over"), (view.Status, view.Phase));
        var final = Assert.IsType<QuickQuizView>(view.State);
        Assert.Equal(750, final.Scores[ann.PlayerId]);
        Assert.Equal(0, final.Scores[bob.PlayerId]);
        var events = engine.EventsOf(quiz.Code);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Equal(new[] { "quiz.question", "quiz.answered", "quiz.answered", "quiz.question", "quiz.over" },
            events.Select(e => e.Type).Where(t => t.StartsWith("quiz.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SpeedPointsCountOnlyTheTimeTheQuestionWasRunning()
    {
        using var engine = new TestEngine(moreGames: [new QuickQuizCartridge()]);
        var (quiz, ann, bob) = await QuizAsync(engine, """{ "questions": 1, "answerSeconds": 20 }""");
        await engine.Service.PlayAsync(quiz.Code, quiz.OwnerToken).OkAsync();
        engine.Time.Advance(TimeSpan.FromSeconds(5));
        await engine.Service.PauseAsync(quiz.Code, quiz.OwnerToken).OkAsync();
        engine.Time.Advance(TimeSpan.FromMinutes(10));
        await engine.Service.PlayAsync(quiz.Code, quiz.OwnerToken).OkAsync();
        engine.Time.Advance(TimeSpan.FromSeconds(5));

        // 10 of the question's 20 seconds have run, however long the pause: the right choice earns 1000 × 10/20.
        var answered = await AnswerAsync(engine, quiz.Code, ann, 0).OkAsync();
        Assert.Equal("""{"points":500}""", Json.Text(answered.Result!));
        engine.Time.Advance(TimeSpan.FromSeconds(9));
        var last = await AnswerAsync(engine, quiz.Code, bob, 0).OkAsync();
        Assert.Equal("""{"points":50}""", Json.Text(last.Result!));
    }

    [Fact]
    public async Task ThePlatformEnforcesItsRulesForEveryGame()
    {
        using var engine = new TestEngine(moreGames: [new QuickQuizCartridge()]);
        var (quiz, ann, _) = await QuizAsync(engine);

        await AnswerAsync(engine, quiz.Code, ann, 0).RefusedAsync(ErrorCodes.WrongPhase);
        await engine.Service.PlayAsync(quiz.Code, ann.PlayerToken).RefusedAsync(ErrorCodes.Forbidden);
        await engine.Service.PlayAsync(quiz.Code, quiz.OwnerToken).OkAsync();
        await engine.Service.JoinAsync(quiz.Code, "Cy", null).RefusedAsync(ErrorCodes.GameInProgress);
        await engine.Service.MoveAsync(quiz.Code, quiz.OwnerToken, "answer", new QuickQuizAnswer(0)).RefusedAsync(ErrorCodes.Forbidden);
        await engine.Service.MoveAsync(quiz.Code, ann.PlayerToken, "buzz", null).RefusedAsync(ErrorCodes.UnknownMove);
        var badBody = await engine.Service.MoveAsync(quiz.Code, ann.PlayerToken, "answer", JsonDocument.Parse("""{ "choice": "zero" }""").RootElement)
            .RefusedAsync(ErrorCodes.InvalidInput);
        await engine.Service.MoveAsync(quiz.Code, ann.PlayerToken, "answer", JsonDocument.Parse("""{ "choice": 0, "extra": 1 }""").RootElement)
            .RefusedAsync(ErrorCodes.InvalidInput);
        await engine.Service.PauseAsync(quiz.Code, quiz.OwnerToken).OkAsync();
        await AnswerAsync(engine, quiz.Code, ann, 0).RefusedAsync(ErrorCodes.Paused);
        await engine.Service.PlayAsync(quiz.Code, quiz.OwnerToken).OkAsync();
        await engine.Service.MoveAsync(quiz.Code, ann.PlayerToken, "answer", JsonDocument.Parse("""{ "choice": 0 }""").RootElement).OkAsync();
        await AnswerAsync(engine, quiz.Code, ann, 0).RefusedAsync(ErrorCodes.AlreadySubmitted);

        Assert.Contains("choice", badBody.Errors!.Keys);
        var error = await engine.Service.CreateSessionAsync("quick-quiz", Raw("""{ "questions": 9, "rounds": 3 }""")).RefusedAsync(ErrorCodes.InvalidInput);
        Assert.Equal(new[] { "settings.questions", "settings.rounds" }, error.Errors!.Keys.Order(StringComparer.Ordinal));
        await engine.Service.CreateSessionAsync("trivia-royale", null).RefusedAsync(ErrorCodes.UnknownGame);
        Assert.True((await QuizStateAsync(engine, quiz.Code)).Answered.ContainsKey(ann.PlayerId));
    }

    [Fact]
    public async Task GamesDoNotSeeEachOthersRoutes()
    {
        using var engine = new TestEngine(moreGames: [new QuickQuizCartridge()]);
        var (quiz, _, _) = await QuizAsync(engine);
        var bluff = await engine.CreateAsync(null, "Ann");

        await engine.Service.FindMoveByRouteAsync(bluff.Code, "answers").RefusedAsync(ErrorCodes.UnknownMove);
        await engine.Service.FindMoveByRouteAsync(quiz.Code, "lies").RefusedAsync(ErrorCodes.UnknownMove);
        Assert.Equal("submit_lie", (await engine.Service.FindMoveByRouteAsync(bluff.Code, "/lies/").OkAsync()).Name);
    }

    [Theory]
    [InlineData("play")]
    [InlineData("pause")]
    [InlineData("exit")]
    [InlineData("players/kick")]
    [InlineData("moves")]
    public void ARouteThePlatformOwnsCannotBeDeclaredByACartridge(string route)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new CartridgeRegistry([new QuickQuizCartridge(route)]));

        Assert.Contains(route, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoCartridgesCannotShareAKey()
    {
        Assert.Throws<InvalidOperationException>(() => new CartridgeRegistry([new QuickQuizCartridge(), new QuickQuizCartridge()]));
    }

    [Fact]
    public void TheBluffCartridgeDeclaresTheSeedsMovesAndPhases()
    {
        var bluff = new BluffCartridge(new QuestionBankBuilder().WithQuestions(5).Build());

        Assert.Equal(
            new[] { "audience_pick", "calculate_scores", "finish_game", "hide_lie", "mix_answers", "react", "reveal_scoreboard", "show_question", "start_round", "submit_guess", "submit_lie", "suggest_lies" },
            bluff.Moves.Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "lie", "guess", "reveal", "scoreboard", "game_over" }, bluff.Phases.Select(p => p.Name));
        // Each phase says which moves it allows; every move is allowed somewhere (the host's hide_lie in several), and
        // the end moves in their own phase.
        Assert.Equal(bluff.Moves.Select(m => m.Name).Order(StringComparer.Ordinal),
            bluff.Phases.SelectMany(p => p.Moves).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains("mix_answers", bluff.Phases.Single(p => p.Name == "lie").Moves);
        Assert.Contains("calculate_scores", bluff.Phases.Single(p => p.Name == "guess").Moves);
        Assert.Contains("reveal_scoreboard", bluff.Phases.Single(p => p.Name == "reveal").Moves);
        Assert.All(bluff.Moves, m => Assert.False(string.IsNullOrWhiteSpace(m.Description)));
        Assert.Equal((2, 12), (bluff.MinPlayers, bluff.MaxPlayers));
    }
}
