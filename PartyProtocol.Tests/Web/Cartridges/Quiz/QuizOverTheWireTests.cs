using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Tests.Web.Realtime;

namespace PartyProtocol.Tests.Web.Cartridges.Quiz;

/// <summary>A whole Quiz game through the real HTTP pipeline: REST moves (by route and by name), the hub and the plain WebSocket.</summary>
public sealed class QuizOverTheWireTests(PartyAppFactory app) : IClassFixture<PartyAppFactory>, IDisposable
{
    private readonly ApiTestClient _api = new(app);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task TheGamesListOffersQuizWithItsPacksChoiceSettingsMovesCodesAndEvents()
    {
        var games = await ApiTestClient.OkAsync(await _api.SendAsync(HttpMethod.Get, "/api/games"));
        var quiz = games.EnumerateArray().Single(g => g.GetProperty("key").GetString() == "quiz");
        Assert.Contains(games.EnumerateArray(), g => g.GetProperty("key").GetString() == "bluff");

        var settings = quiz.GetProperty("settings").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.False(settings.ContainsKey("categories"));
        var packs = quiz.GetProperty("packs").EnumerateArray().ToList();
        Assert.True(packs.Count >= 8);
        Assert.All(packs, p => Assert.True(p.GetProperty("questions").GetInt32() > 0));
        Assert.Contains(packs, p => p.GetProperty("key").GetString() == "space" && p.GetProperty("language").GetString() == "en");
        Assert.Equal("choice", settings["leaderboard"].GetProperty("type").GetString());
        Assert.Equal("every_3", settings["leaderboard"].GetProperty("default").GetString());
        var answer = quiz.GetProperty("moves").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "answer");
        Assert.Equal("/api/sessions/{code}/answers", answer.GetProperty("path").GetString());
        Assert.Equal("/api/sessions/{code}/moves/answer", answer.GetProperty("byName").GetString());
        Assert.Equal("integer", answer.GetProperty("body").GetProperty("choice").GetString());
        Assert.Equal("unknown_choice", quiz.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(422, quiz.GetProperty("errors")[0].GetProperty("status").GetInt32());
        Assert.Contains("phase.question_started", quiz.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        var question = quiz.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "question");
        Assert.Equal(["answer", "audience_answer"], question.GetProperty("moves").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task AWholeQuizIsPlayedOverRestWhileAHubScreenAndAWebSocketPhoneFollowInOrder()
    {
        var game = await _api.CreateAsync("quiz", new { questions = 5, secondsPerQuestion = 120, leaderboard = "every_2" });
        await using var screen = await HubListener.ConnectAsync(app.BaseAddress, game.Code);
        await game.JoinAsync("Ann");
        await game.JoinAsync("Bob");
        await using var phone = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.Token("Ann"));

        var seq = await game.OwnerOkAsync("play");
        for (var number = 1; number <= 5; number++)
        {
            var started = await phone.Log.WaitForAsync(e => e.GetProperty("type").GetString() == QuizEvents.QuestionStarted
                && e.GetProperty("data").GetProperty("number").GetInt32() == number, $"question {number}");
            // The correct choice is nowhere in what the phone was sent.
            Assert.DoesNotContain("correct", started.GetProperty("data").GetRawText(), StringComparison.OrdinalIgnoreCase);
            var round = (await game.StateOf<QuizState>()).Round;
            var correct = round.Correct; // a wrong answer is the next choice: of four, or of two for a true-or-false question
            // Ann answers by the game's route, Bob by the move's name; both are the same move.
            var ann = await game.PlayerOkAsync("Ann", "answers", new { choice = correct });
            Assert.True(ann.GetProperty("result").GetProperty("accepted").GetBoolean());
            await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "answers", new { choice = correct }), HttpStatusCode.Conflict, "already_submitted");
            var bob = await game.PlayerOkAsync("Bob", "moves/answer", new { choice = (correct + 1) % round.Choices.Count });
            seq = bob.GetProperty("seq").GetInt64();
            var results = await screen.Log.WaitForAsync(e => e.GetProperty("type").GetString() == QuizEvents.QuestionResults
                && e.GetProperty("data").GetProperty("number").GetInt32() == number, $"the results of question {number}");
            Assert.Equal(correct, results.GetProperty("data").GetProperty("correct").GetInt32());
            seq = await game.OwnerOkAsync("next");
            if ((await game.ViewAsync()).GetProperty("phase").GetString() == QuizPhases.Leaderboard)
            {
                seq = await game.OwnerOkAsync("moves/next");
            }
        }

        var over = await phone.Log.WaitForTypeAsync("phase.game_over");
        Assert.Equal("Ann", over.GetProperty("data").GetProperty("rankings")[0].GetProperty("name").GetString());
        await screen.Log.WaitForSeqAsync(seq);
        foreach (var log in new[] { screen.Log, phone.Log })
        {
            var seqs = log.Events.Select(e => e.GetProperty("seq").GetInt64()).ToList();
            Assert.Equal(Enumerable.Range((int)seqs[0], seqs.Count).Select(i => (long)i), seqs);
        }

        Assert.Equal(2, screen.Log.OfType(QuizEvents.Leaderboard).Count);
        Assert.Equal("finished", (await game.ViewAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task QuizMovesOverTheHubAnswerLikeRest()
    {
        var game = await _api.CreateAsync("quiz", new { questions = 5 }, "Ann", "Bob");
        await using var owner = await HubListener.ConnectAsync(app.BaseAddress, game.Code, game.OwnerToken);
        await using var ann = await HubListener.ConnectAsync(app.BaseAddress, game.Code, game.Token("Ann"));
        Assert.True((await owner.InvokeAsync("Play")).GetProperty("ok").GetBoolean());

        var answered = await ann.InvokeAsync("Move", "answer", new { choice = 2 });
        Assert.True(answered.GetProperty("ok").GetBoolean(), answered.ToString());
        var again = await ann.InvokeAsync("Move", "answer", new { choice = 1 });
        Assert.Equal("already_submitted", again.GetProperty("error").GetProperty("code").GetString());
        var view = (await ann.InvokeAsync("GetView")).GetProperty("result").GetProperty("state");
        Assert.Equal(2, view.GetProperty("you").GetProperty("choice").GetInt32());
        Assert.False(view.TryGetProperty("results", out _));
        var early = await owner.InvokeAsync("Move", "next", null);
        Assert.Equal("wrong_phase", early.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ABadAnswerIsRefusedWithItsCodeAndNeverA500()
    {
        var game = await _api.CreateAsync("quiz", new { questions = 5 }, "Ann", "Bob");
        await game.OwnerOkAsync("play");

        var unknown = await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "answers", new { choice = 7 }), HttpStatusCode.UnprocessableEntity, "unknown_choice");
        Assert.True(unknown.GetProperty("errors").TryGetProperty("choice", out _));
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "answers", new { choice = "two" }), HttpStatusCode.BadRequest, "invalid_input");
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "answers", new { pick = 1 }), HttpStatusCode.BadRequest, "invalid_input");
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "moves/submit_lie", new { text = "a lie" }), HttpStatusCode.NotFound, "unknown_move");
        await ApiTestClient.ProblemAsync(await _api.PostAsync(game.Path("answers"), game.OwnerToken, new { choice = 0 }), HttpStatusCode.Forbidden, "forbidden");
        await ApiTestClient.ProblemAsync(await _api.PostAsync("/api/sessions", body: new { game = "quiz", packs = new[] { "nope" } }),
            HttpStatusCode.UnprocessableEntity, "invalid_input");
        Assert.Empty((await game.StateOf<QuizState>()).Answers);
    }

    [Fact]
    public async Task EveryQuizEventOnTheBusIsOneOfItsDeclaredRecords()
    {
        var game = await _api.CreateAsync("quiz", new { questions = 5, leaderboard = "every_question" }, "Ann");
        var types = new List<(string Type, Type Data)>();
        using var recording = app.Services.GetRequiredService<GameEventBus>().Subscribe(game.Code, e => { lock (types) { types.Add((e.Type, e.Data.GetType())); } });
        await game.OwnerOkAsync("play");
        await game.PlayerOkAsync("Ann", "answers", new { choice = 0 });
        await game.OwnerOkAsync("next");

        var declared = app.Services.GetRequiredService<CartridgeRegistry>().Get("quiz").Events.ToDictionary(e => e.Type, e => e.DataType);
        lock (types)
        {
            Assert.Contains(types, t => t.Type == QuizEvents.Leaderboard);
            Assert.All(types.Where(t => !t.Type.StartsWith("session.", StringComparison.Ordinal)), t => Assert.Equal(declared[t.Type], t.Data));
        }

        Assert.Equal(JsonValueKind.Object, (await game.ViewAsync()).GetProperty("state").ValueKind);
    }
}
