using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Audience;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Tests.Web.Audience;
using PartyProtocol.Web.Realtime;
using static PartyProtocol.Tests.Web.Realtime.MoveReplies;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>Moves over the plain WebSocket answer like REST and the hub: the same effects, the same codes and statuses.</summary>
public sealed class SocketMoveTests(PartyAppFactory app) : IClassFixture<PartyAppFactory>, IDisposable
{
    private static readonly object LongTimers = new { rounds = 2, lieSeconds = 600, guessSeconds = 600, revealStepSeconds = 60, scoreboardSeconds = 120 };

    private readonly ApiTestClient _api = new(app);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task PlayersMoveOverTheSocketTheyListenOnAndEachReplyEchoesItsId()
    {
        var game = await _api.CreateGameAsync(LongTimers, "Ann", "Bob");
        await using var ann = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.Token("Ann"));
        await using var bob = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.Token("Bob"));
        await using var screen = await HubListener.ConnectAsync(app.BaseAddress, game.Code);
        await game.OwnerOkAsync("play");

        var lied = await ann.MoveAsync("submit_lie", new { text = "a socket-borne fib" }, id: "lie-1");
        Assert.True(lied.GetProperty("ok").GetBoolean(), lied.ToString());
        Assert.Equal("lie-1", lied.GetProperty("id").GetString());
        Assert.True(lied.GetProperty("result").GetProperty("accepted").GetBoolean());
        var submitted = await screen.Log.WaitForSeqAsync(lied.GetProperty("seq").GetInt64());
        Assert.Equal("submission.received", submitted.GetProperty("type").GetString());
        Assert.Equal("a socket-borne fib", (await game.StateAsync()).Lies[game.Id("Ann")].Text);
        // The reply is not an event: the socket's events stay one per seq, in order.
        await ann.Log.WaitForSeqAsync(lied.GetProperty("seq").GetInt64());
        var seqs = ann.Log.Events.Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Distinct().Order(), seqs);

        // A move without a payload, and a move with no id: its reply has none either.
        var suggestions = await bob.MoveAsync("suggest_lies");
        Assert.Equal(2, suggestions.GetProperty("result").GetProperty("suggestions").GetArrayLength());
        await bob.SendAsync("""{"type":"move","move":"submit_lie","payload":{"text":"bob's socket fib"}}""");
        var anonymous = await bob.RepliedAsync(null);
        Assert.True(anonymous.GetProperty("ok").GetBoolean(), anonymous.ToString());
        Assert.False(anonymous.TryGetProperty("id", out _));
        await screen.Log.WaitForTypeAsync(BluffEvents.GuessStarted);
    }

    [Fact]
    public async Task RefusedSocketMovesCarryTheSameProblemAsRestAndLeaveTheGameAsItWas()
    {
        var game = await _api.CreateGameAsync(LongTimers, "Ann", "Bob");
        await using var ann = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.Token("Ann"));
        await using var owner = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.OwnerToken);
        await using var screen = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "role=host");

        AssertError(await ann.MoveAsync("submit_lie", new { text = "early" }), 409, "wrong_phase");
        await game.OwnerOkAsync("play");
        AssertError(await screen.MoveAsync("submit_lie", new { text = "a screen's lie" }), 401, "unauthorized");
        AssertError(await owner.MoveAsync("submit_lie", new { text = "an owner's lie" }), 403, "forbidden");
        AssertError(await ann.MoveAsync("teleport"), 404, "unknown_move");
        AssertField(AssertError(await ann.MoveAsync("submit_lie", new { text = 5 }), 400, "invalid_input"), "text");
        AssertField(AssertError(await ann.MoveAsync("submit_lie", new { text = "x", bonus = 1 }), 400, "invalid_input"), "bonus");
        AssertField(AssertError(await ann.MoveAsync("submit_lie"), 400, "invalid_input"), "body");
        AssertField(AssertError(await ann.MoveAsync("submit_lie", new { text = await game.TruthAsync() }), 422, "lie_is_truth"), "text");

        // The message itself at fault: no move named, or an id that is not a short string.
        await ann.SendAsync("""{"type":"move","id":"no-name","payload":{"text":"x"}}""");
        AssertField(AssertError(await ann.RepliedAsync("no-name"), 400, "invalid_input"), "move");
        await ann.SendAsync("""{"type":"move","id":7,"move":"submit_lie","payload":{"text":"x"}}""");
        AssertField(AssertError(await ann.RepliedAsync(null), 400, "invalid_input"), "id");
        await ann.SendAsync("{\"type\":\"move\",\"id\":\"" + new string('i', 65) + "\",\"move\":\"submit_lie\",\"payload\":{\"text\":\"x\"}}");
        await Eventually.TrueAsync(() => ann.Log.Replies.Count(r => !r.TryGetProperty("id", out _)) == 2, "the long id's reply");
        AssertField(AssertError(ann.Log.Replies[^1], 400, "invalid_input"), "id");

        // Anything that is not a move or a ping is still ignored, and the socket still answers.
        await ann.SendAsync("""{"type":"hello"}""");
        await ann.SendAsync("not json");
        await ann.SendAsync("""{"type":"ping"}""");
        await ann.Log.WaitForAsync(m => m.GetProperty("type").GetString() == "pong", "the pong");
        Assert.Equal(9, ann.Log.Replies.Count);

        Assert.Empty((await game.StateAsync()).Lies);
        Assert.True((await ann.MoveAsync("submit_lie", new { text = "a real fib" })).GetProperty("ok").GetBoolean());
        AssertError(await ann.MoveAsync("submit_lie", new { text = "another" }), 409, "already_submitted");
        Assert.Equal([game.Id("Ann")], (await game.StateAsync()).Lies.Keys);
    }

    [Fact]
    public async Task AnAudienceMemberVotesOverItsSocketOnceAndTheVoteCounts()
    {
        var game = await _api.CreateGameAsync(LongTimers, "Ann", "Bob", "Cy");
        var tokens = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            tokens.Add((await ApiTestClient.OkAsync(await _api.PostAsync(game.Path("audience")), HttpStatusCode.Created)).GetProperty("audienceToken").GetString()!);
        }

        await using var first = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + tokens[0]);
        await using var second = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + tokens[1]);
        await game.OwnerOkAsync("play");
        AssertError(await first.MoveAsync("audience_pick", new { answerId = "a1-1" }), 409, "vote_closed");
        await AudienceApiTests.SubmitLiesAsync(game);
        var state = await game.StateAsync();
        var annLie = state.Answers.Single(a => a.Authors.Contains(game.Id("Ann"))).Id;
        var truth = state.Answers.Single(a => a.Kind == AnswerKind.Truth).Id;

        var picked = await first.MoveAsync("audience_pick", new { answerId = annLie });
        Assert.True(picked.GetProperty("ok").GetBoolean(), picked.ToString());
        Assert.True((await second.MoveAsync("audience_pick", new { answerId = truth })).GetProperty("ok").GetBoolean());
        AssertError(await first.MoveAsync("audience_pick", new { answerId = truth }), 409, "already_submitted");
        AssertError(await second.MoveAsync("submit_guess", new { answerId = annLie }), 403, "forbidden");

        var live = await ApiTestClient.OkAsync(await _api.SendAsync(HttpMethod.Get, game.Path("audience")));
        Assert.Equal(2, live.GetProperty("vote").GetProperty("total").GetInt32());
        Assert.Equal(1, live.GetProperty("vote").GetProperty("counts").GetProperty(annLie).GetInt32());
        Assert.Equal(1, live.GetProperty("vote").GetProperty("counts").GetProperty(truth).GetInt32());
    }

    [Fact]
    public async Task ASocketsRefusalsAreInTheLanguageItConnectedWith()
    {
        var game = await _api.CreateGameAsync(LongTimers, "Ann", "Bob");
        var token = (await ApiTestClient.OkAsync(await _api.PostAsync(game.Path("audience")), HttpStatusCode.Created)).GetProperty("audienceToken").GetString()!;
        var danish = new Dictionary<string, string> { ["Accept-Language"] = "da" };
        // An audience member (read on the audience's own thread) and a player (on the thread pool).
        await using var member = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + token, danish);
        await using var ann = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.Token("Ann"), danish);

        using var http = app.CreateLiveClient();
        var cases = new (SocketListener Socket, string Token, string Move, object Payload, string Code)[]
        {
            (member, token, "audience_pick", new { answerId = "a1-1" }, "vote_closed"),
            (ann, game.Token("Ann"), "submit_guess", new { answerId = "a1-1" }, "wrong_phase"),
        };
        foreach (var (socket, callerToken, move, payload, code) in cases)
        {
            async Task<JsonElement> OverRestAsync(string? language)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, game.Path("moves/" + move)) { Content = JsonContent.Create(payload) };
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", callerToken);
                if (language is not null)
                {
                    request.Headers.AcceptLanguage.ParseAdd(language);
                }

                return await ApiTestClient.ProblemAsync(await http.SendAsync(request), HttpStatusCode.Conflict, code);
            }

            var inDanish = await OverRestAsync("da");
            Assert.NotEqual((await OverRestAsync(null)).GetProperty("detail").GetString(), inDanish.GetProperty("detail").GetString());
            var overSocket = AssertError(await socket.MoveAsync(move, payload), 409, code);
            Assert.Equal(inDanish.GetProperty("detail").GetString(), overSocket.GetProperty("detail").GetString());
            Assert.Equal(inDanish.GetProperty("title").GetString(), overSocket.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task AudienceVotesOnOpenConnectionsTakeTurnsWhilePlayersMovesNeverWait()
    {
        // One vote at a time and one waiting; the store holds every vote until the test lets them through.
        var held = new HeldVotes(new InMemoryAudienceStore());
        using var own = new PartyAppFactory()
            .WithSetting("RateLimits:AudienceVotesInFlight", "1")
            .WithSetting("RateLimits:AudienceVotesQueued", "1")
            .WithServices(services => services.AddSingleton<IAudienceStore>(held));
        using var api = new ApiTestClient(own);
        var game = await api.CreateGameAsync(LongTimers, "Ann", "Bob", "Cy");
        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            tokens.Add((await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Created)).GetProperty("audienceToken").GetString()!);
        }

        await using var first = await SocketListener.ConnectAsync(own.BaseAddress, game.Code, "session_token=" + tokens[0]);
        await using var second = await HubListener.ConnectAsync(own.BaseAddress, game.Code, tokens[1]);
        await using var third = await SocketListener.ConnectAsync(own.BaseAddress, game.Code, "session_token=" + tokens[2]);
        await using var ann = await SocketListener.ConnectAsync(own.BaseAddress, game.Code, "session_token=" + game.Token("Ann"));
        await game.OwnerOkAsync("play");
        await AudienceApiTests.SubmitLiesAsync(game);
        var truth = (await game.StateAsync()).Answers.Single(a => a.Kind == AnswerKind.Truth).Id;
        var moves = own.Services.GetRequiredService<RealtimeMoves>();

        // The first vote is being counted, the second (over the hub) waits its turn, the third finds no room to wait.
        await first.SendAsync(JsonSerializer.Serialize(new { type = "move", id = "first", move = "audience_pick", payload = new { answerId = truth } }));
        await Eventually.TrueAsync(() => held.Entered == 1, "the first vote to reach the count");
        var secondVote = second.InvokeAsync("Move", "audience_pick", new { answerId = truth });
        await Eventually.TrueAsync(() => moves.AudienceVotesWaiting == 1, "the second vote to wait its turn");
        var refused = AssertError(await third.MoveAsync("audience_pick", new { answerId = truth }), 429, "rate_limited");
        Assert.Contains("1 s", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A player's move goes straight through meanwhile.
        var guessed = await ann.MoveAsync("submit_guess", new { answerId = truth });
        Assert.True(guessed.GetProperty("ok").GetBoolean(), guessed.ToString());

        held.Release();
        Assert.True((await first.RepliedAsync("first")).GetProperty("ok").GetBoolean());
        Assert.True((await secondVote).GetProperty("ok").GetBoolean());
        Assert.Equal(2, held.Entered);
        Assert.Equal(2, (await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Get, game.Path("audience")))).GetProperty("vote").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AnAudienceSocketIsReadOnTheAudiencesThreadSoItsVotesNeverHoldAPlayerBack()
    {
        using var own = new PartyAppFactory().WithSetting("Audience:SenderThreads", "1");
        using var api = new ApiTestClient(own);
        var game = await api.CreateGameAsync(LongTimers, "Ann", "Bob", "Cy");
        var token = (await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Created)).GetProperty("audienceToken").GetString()!;
        await using var member = await SocketListener.ConnectAsync(own.BaseAddress, game.Code, "session_token=" + token);
        await using var ann = await SocketListener.ConnectAsync(own.BaseAddress, game.Code, "session_token=" + game.Token("Ann"));
        await game.OwnerOkAsync("play");
        await AudienceApiTests.SubmitLiesAsync(game);
        var truth = (await game.StateAsync()).Answers.Single(a => a.Kind == AnswerKind.Truth).Id;

        // The audience's one thread is held: the member's vote is read but not made until it is let go.
        await using (var hold = await AudienceThreadHold.StartAsync(own.Services))
        {
            await member.SendAsync(JsonSerializer.Serialize(new { type = "move", id = "vote", move = "audience_pick", payload = new { answerId = truth } }));

            // Ann's guess on her socket, sent after the vote, is made and answered meanwhile; no vote is counted yet.
            var guessed = await ann.MoveAsync("submit_guess", new { answerId = truth });
            Assert.True(guessed.GetProperty("ok").GetBoolean(), guessed.ToString());
            var waiting = await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Get, game.Path("audience")));
            Assert.False(waiting.TryGetProperty("vote", out var vote) && vote.ValueKind == JsonValueKind.Object && vote.GetProperty("total").GetInt32() > 0,
                waiting.ToString());
            Assert.Empty(member.Log.Replies);
        }

        Assert.True((await member.RepliedAsync("vote")).GetProperty("ok").GetBoolean());
        var counted = await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Get, game.Path("audience")));
        Assert.Equal(1, counted.GetProperty("vote").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AMoveThatFailsUnexpectedlyIsAnsweredAsAnInternalErrorAndTheSocketStaysOpen()
    {
        using var own = new PartyAppFactory()
            .WithServices(services => services.AddSingleton<IAudienceStore>(new BrokenVotes(new InMemoryAudienceStore())));
        using var api = new ApiTestClient(own);
        var game = await api.CreateGameAsync(LongTimers, "Ann", "Bob");
        var token = (await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Created)).GetProperty("audienceToken").GetString()!;
        await using var member = await SocketListener.ConnectAsync(own.BaseAddress, game.Code, "session_token=" + token);
        await game.OwnerOkAsync("play");
        await AudienceApiTests.SubmitLiesAsync(game);
        var truth = (await game.StateAsync()).Answers.Single(a => a.Kind == AnswerKind.Truth).Id;

        var failed = AssertError(await member.MoveAsync("audience_pick", new { answerId = truth }), 500, "internal_error");
        Assert.DoesNotContain("broken", failed.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
        await member.SendAsync("""{"type":"ping"}""");
        await member.Log.WaitForAsync(m => m.GetProperty("type").GetString() == "pong", "the pong after the failed move");
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, member.State);
    }

    // A socket's reply is the hub's with its type.
    private static JsonElement AssertError(JsonElement reply, int status, string code)
    {
        Assert.Equal("reply", reply.GetProperty("type").GetString());
        return MoveReplies.AssertError(reply, status, code);
    }

    /// <summary>An audience store whose votes throw, as a bug would.</summary>
    private sealed class BrokenVotes(IAudienceStore inner) : PassThroughAudienceStore(inner)
    {
        public override ValueTask<VoteOutcome> VoteAsync(string code, string key, string audienceId, string choice, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("A broken vote counter.");
    }
}
