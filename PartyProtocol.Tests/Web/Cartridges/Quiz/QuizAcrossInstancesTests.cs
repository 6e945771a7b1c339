using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Tests.Web.Realtime;
using PartyProtocol.Tests.Web.Scaleout;

namespace PartyProtocol.Tests.Web.Cartridges.Quiz;

/// <summary>Quiz in multi-instance mode: the host on one instance, the players on another, one Redis between them.</summary>
[Collection(ScaleoutCollection.Name)]
public sealed class QuizAcrossInstancesTests
{
    [Fact]
    public async Task AQuizHostedOnOneInstanceAndAnsweredThroughAnotherReachesEveryClientInOrderAndEndsByItsDeadlines()
    {
        var prefix = ScaleoutInstance.NewKeyPrefix();
        await using var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        await using var b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        using var apiA = new ApiTestClient(a.App);
        using var apiB = new ApiTestClient(b.App);
        var host = await apiA.CreateAsync("quiz", new { questions = 5, secondsPerQuestion = 60, leaderboard = "every_2" });
        await using var screen = await SocketListener.ConnectAsync(a.App.BaseAddress, host.Code, "role=host");
        var players = new RestGame(apiB, b.App, host.Code, host.OwnerToken);
        await players.JoinAsync("Ada");
        await players.JoinAsync("Bo");
        await using var adaHub = await HubListener.ConnectAsync(b.App.BaseAddress, host.Code, players.Token("Ada"));

        await host.OwnerOkAsync("play");
        for (var number = 1; number <= 5; number++)
        {
            await screen.Log.WaitForAsync(e => e.GetProperty("type").GetString() == QuizEvents.QuestionStarted
                && e.GetProperty("data").GetProperty("number").GetInt32() == number, $"question {number}");
            var round = (await players.StateOf<QuizState>()).Round;
            var correct = round.Correct; // a wrong answer is the next choice: of four, or of two for a true-or-false question
            await players.PlayerOkAsync("Ada", "answers", new { choice = correct });
            await players.PlayerOkAsync("Bo", "moves/answer", new { choice = (correct + 1) % round.Choices.Count });
            await screen.Log.WaitForAsync(e => e.GetProperty("type").GetString() == QuizEvents.QuestionResults
                && e.GetProperty("data").GetProperty("number").GetInt32() == number, $"the results of question {number}");
            // The first two questions move on by their deadlines (the results, then the leaderboard), fired by whichever
            // instance holds them; after that the host moves on from A to keep the test short.
            if (number > 2)
            {
                await MoveOnAsync(host);
                if (number == 4)
                {
                    await screen.Log.WaitForTypeAsync(QuizEvents.Leaderboard);
                    await MoveOnAsync(host);
                }
            }
        }

        var over = await screen.Log.WaitForTypeAsync("phase.game_over");
        Assert.Equal("Ada", over.GetProperty("data").GetProperty("rankings")[0].GetProperty("name").GetString());
        var final = over.GetProperty("seq").GetInt64();
        await adaHub.Log.WaitForSeqAsync(final);
        foreach (var log in new[] { screen.Log, adaHub.Log })
        {
            var seqs = log.Events.Select(e => e.GetProperty("seq").GetInt64()).ToList();
            Assert.Equal(Enumerable.Range((int)seqs[0], seqs.Count).Select(i => (long)i), seqs);
        }

        Assert.Equal(5, screen.Log.OfType(QuizEvents.QuestionResults).Count);
        Assert.Equal(2, screen.Log.OfType(QuizEvents.Leaderboard).Count);
        Assert.Equal("finished", (await host.ViewAsync()).GetProperty("status").GetString());
    }

    /// <summary>The host's "next", which a deadline may have beaten (then it is the wrong phase, and nothing happens).</summary>
    private static async Task MoveOnAsync(RestGame host)
    {
        var response = await host.OwnerAsync("next");
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
    }
}
