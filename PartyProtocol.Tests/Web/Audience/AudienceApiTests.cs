using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Audience;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Tests.Web.Realtime;
using PartyProtocol.Web.Audience;
using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Tests.Web.Audience;

/// <summary>The audience over the API: joining, the host's switch and cap, votes counted once and closed with their phase.</summary>
public sealed class AudienceApiTests
{
    private static readonly object LongTimers = new { rounds = 2, lieSeconds = 600, guessSeconds = 600, revealStepSeconds = 60, scoreboardSeconds = 120 };

    [Fact]
    public async Task AnyoneJoinsTheAudienceWithoutANameAndTheirTokenBringsThemBackAsTheSameMemberCountedOnce()
    {
        using var app = new PartyAppFactory();
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(LongTimers, "Ann", "Bob");

        var joined = await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Created);
        var id = joined.GetProperty("audienceId").GetString()!;
        var token = joined.GetProperty("audienceToken").GetString()!;
        Assert.False(joined.GetProperty("rejoined").GetBoolean());

        var again = await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience"), token));
        Assert.Equal(id, again.GetProperty("audienceId").GetString());
        Assert.True(again.GetProperty("rejoined").GetBoolean());

        // While the game runs too, and the audience's own view is the big screen's, marked as the audience.
        await game.OwnerOkAsync("play");
        await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Created);
        var audience = await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Get, game.Path("audience")));
        Assert.Equal(2, audience.GetProperty("members").GetInt64());
        Assert.True(audience.GetProperty("open").GetBoolean());
        Assert.Equal(10_000, audience.GetProperty("cap").GetInt32());

        var view = await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Get, game.Path(), token));
        Assert.Equal("audience", view.GetProperty("you").GetProperty("role").GetString());
        var host = await game.ViewAsync();
        Assert.Equal(host.GetProperty("state").GetRawText(), view.GetProperty("state").GetRawText());
    }

    [Fact]
    public async Task ATokenForAnotherRoomOrAForgedOneIsRefused()
    {
        using var app = new PartyAppFactory();
        using var api = new ApiTestClient(app);
        var first = await api.CreateGameAsync(LongTimers, "Ann", "Bob");
        var second = await api.CreateGameAsync(LongTimers, "Cy", "Di");
        var token = (await ApiTestClient.OkAsync(await api.PostAsync(first.Path("audience")), HttpStatusCode.Created))
            .GetProperty("audienceToken").GetString()!;

        await ApiTestClient.ProblemAsync(await api.SendAsync(HttpMethod.Get, second.Path(), token), HttpStatusCode.Unauthorized, "unauthorized");
        var forged = token[..^3] + (token[^3..] == "AAA" ? "BBB" : "AAA");
        await ApiTestClient.ProblemAsync(await api.SendAsync(HttpMethod.Get, first.Path(), forged), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task TheHostTurnsTheAudienceOffOrCapsItAndOnlyTheHostCan()
    {
        using var app = new PartyAppFactory();
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(LongTimers, "Ann", "Bob");

        await ApiTestClient.ProblemAsync(await api.SendAsync(HttpMethod.Put, game.Path("audience"), game.Token("Ann"), new { open = false }),
            HttpStatusCode.Forbidden, "forbidden");
        await ApiTestClient.ProblemAsync(await api.SendAsync(HttpMethod.Put, game.Path("audience"), game.OwnerToken, new { cap = -1 }),
            HttpStatusCode.UnprocessableEntity, "invalid_input");

        var capped = await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Put, game.Path("audience"), game.OwnerToken, new { cap = 2 }));
        Assert.Equal(2, capped.GetProperty("cap").GetInt32());
        await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Created);
        var second = await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Created);
        var full = await ApiTestClient.ProblemAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Conflict, "audience_full");
        Assert.Contains("full", full.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Off: nobody new joins and nobody votes; members already in can still come back with their token.
        await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Put, game.Path("audience"), game.OwnerToken, new { open = false, cap = 100 }));
        await ApiTestClient.ProblemAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Conflict, "audience_off");
        var token = second.GetProperty("audienceToken").GetString()!;
        await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience"), token));
        await game.OwnerOkAsync("play");
        await SubmitLiesAsync(game);
        var answer = (await game.StateAsync()).Answers[0].Id;
        await ApiTestClient.ProblemAsync(await api.PostAsync(game.Path("audience/picks"), token, new { answerId = answer }),
            HttpStatusCode.Conflict, "audience_off");
    }

    [Fact]
    public async Task AnAudienceVoteCountsOnceOnlyWhileItsPhaseRunsAndItsLieEarnsTheAuthorTheBonus()
    {
        using var app = new PartyAppFactory();
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(LongTimers, "Ann", "Bob", "Cy");
        var members = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            members.Add((await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Created))
                .GetProperty("audienceToken").GetString()!);
        }

        await game.OwnerOkAsync("play");
        // Not yet: the lie phase opens no vote.
        await ApiTestClient.ProblemAsync(await api.PostAsync(game.Path("audience/picks"), members[0], new { answerId = "a1-1" }),
            HttpStatusCode.Conflict, "vote_closed");
        await SubmitLiesAsync(game);
        var state = await game.StateAsync();
        var annLie = state.Answers.Single(a => a.Authors.Contains(game.Id("Ann"))).Id;
        var truth = state.Answers.Single(a => a.Kind == AnswerKind.Truth).Id;

        // Three of four members fall for Ann's lie, one finds the truth; by name or by route, and a second vote is refused.
        await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience/picks"), members[0], new { answerId = annLie }));
        await ApiTestClient.OkAsync(await api.PostAsync(game.Path("moves/audience_pick"), members[1], new { answerId = annLie }));
        await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience/picks"), members[2], new { answerId = annLie }));
        await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience/picks"), members[3], new { answerId = truth }));
        await ApiTestClient.ProblemAsync(await api.PostAsync(game.Path("audience/picks"), members[0], new { answerId = truth }),
            HttpStatusCode.Conflict, "already_submitted");
        await ApiTestClient.ProblemAsync(await api.PostAsync(game.Path("audience/picks"), members[3], new { answerId = "nope" }),
            HttpStatusCode.UnprocessableEntity, BluffErrors.UnknownAnswer);
        // The wrong tokens for the wrong moves.
        await ApiTestClient.ProblemAsync(await api.PostAsync(game.Path("audience/picks"), game.Token("Bob"), new { answerId = annLie }),
            HttpStatusCode.Forbidden, "forbidden");
        await ApiTestClient.ProblemAsync(await api.PostAsync(game.Path("guesses"), members[0], new { answerId = annLie }),
            HttpStatusCode.Forbidden, "forbidden");

        var live = await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Get, game.Path("audience")));
        Assert.True(live.GetProperty("vote").GetProperty("open").GetBoolean());
        Assert.Equal(3, live.GetProperty("vote").GetProperty("counts").GetProperty(annLie).GetInt32());

        // Every player guesses the truth, so only the audience is fooled: Ann earns round(500 × 1 × 3/4) = 375.
        foreach (var name in new[] { "Ann", "Bob", "Cy" })
        {
            await game.PlayerOkAsync(name, "guesses", new { answerId = truth });
        }

        var scored = await game.StateAsync();
        Assert.Equal(BluffPhases.Reveal, scored.Phase);
        var annStep = scored.Reveal.Single(s => s.AnswerId == annLie);
        Assert.Equal(3, annStep.AudiencePicks);
        Assert.Equal(0.75, annStep.AudienceShare);
        Assert.Contains(annStep.Points, p => p.PlayerId == game.Id("Ann") && p.Points == 375 && p.Reason == "fooled_audience");
        Assert.Equal(1, scored.Reveal.Single(s => s.AnswerId == truth).AudiencePicks);
        Assert.Equal(1000 + 375, scored.Scores[game.Id("Ann")]);

        // The vote closed with the phase: a late vote is refused, and the tally is final.
        var late = await api.PostAsync(game.Path("audience/picks"), members[3], new { answerId = annLie });
        await ApiTestClient.ProblemAsync(late, HttpStatusCode.Conflict, "vote_closed");
        var final = await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Get, game.Path("audience")));
        Assert.False(final.GetProperty("vote").GetProperty("open").GetBoolean());
        Assert.Equal(4, final.GetProperty("vote").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AnAudienceSocketGetsThePublicEventsAndAThrottledCountButNoPlayersSecret()
    {
        using var app = new PartyAppFactory();
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(LongTimers, "Ann", "Bob");
        var token = (await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Created))
            .GetProperty("audienceToken").GetString()!;
        await using var socket = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + Uri.EscapeDataString(token));
        await using var hub = await HubListener.ConnectAsync(app.BaseAddress, game.Code, token);

        for (var i = 0; i < 20; i++)
        {
            await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Created);
        }

        var counted = await socket.Log.WaitForTypeAsync("audience.updated", e => e.GetProperty("data").GetProperty("members").GetInt64() == 21);
        Assert.Equal(0, counted.GetProperty("seq").GetInt64());
        await hub.Log.WaitForTypeAsync("audience.updated", e => e.GetProperty("data").GetProperty("members").GetInt64() == 21);
        // Twenty joins, a few updates at most: never one per member.
        Assert.InRange(socket.Log.OfType("audience.updated").Count, 1, 5);

        await game.OwnerOkAsync("play");
        await SubmitLiesAsync(game);
        var guessStarted = await socket.Log.WaitForTypeAsync("phase.guess_started");
        // The public payload: every answer, Ann's own lie among them (a player's copy leaves her own out).
        Assert.Equal((await game.StateAsync()).Answers.Count, guessStarted.GetProperty("data").GetProperty("answers").GetArrayLength());
        Assert.DoesNotContain(socket.Log.Events, e => e.GetRawText().Contains("\"authors\"", StringComparison.Ordinal) && e.GetProperty("type").GetString() != "reveal.step");
    }

    [Fact]
    public async Task ABigAudiencesCountsWaitForTheirSpacingButAVoteOpeningAndClosingGoOutAtOnce()
    {
        // Spacing = 250 ms × members, at most 10 minutes: after the first update, counts alone would wait for minutes.
        using var app = new PartyAppFactory()
            .WithSetting("Audience:MembersPerInterval", "1")
            .WithSetting("Audience:MaxUpdateInterval", "00:10:00");
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(LongTimers, "Ann", "Bob");
        var members = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            members.Add((await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Created))
                .GetProperty("audienceToken").GetString()!);
        }

        await using var socket = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + Uri.EscapeDataString(members[0]));
        await game.OwnerOkAsync("play");
        await SubmitLiesAsync(game);
        var state = await game.StateAsync();
        var truth = state.Answers.Single(a => a.Kind == AnswerKind.Truth).Id;
        // Six votes spread over more than a second: every 250 ms tick sees the count move.
        foreach (var member in members.Take(6))
        {
            await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience/picks"), member, new { answerId = truth }));
            await Task.Delay(300);
        }

        foreach (var name in new[] { "Ann", "Bob" })
        {
            await game.PlayerOkAsync(name, "guesses", new { answerId = truth });
        }

        // The close is not held back by the ten minutes, and carries the final tally.
        var closed = await socket.Log.WaitForTypeAsync("audience.updated", e => IsVote(e, open: false));
        Assert.Equal(6, closed.GetProperty("data").GetProperty("vote").GetProperty("total").GetInt32());
        // The first vote made the vote appear and went out; the five after it moved only the counts, and waited.
        var open = Assert.Single(socket.Log.OfType("audience.updated"), e => IsVote(e, open: true));
        Assert.InRange(open.GetProperty("data").GetProperty("vote").GetProperty("total").GetInt32(), 1, 2);

        static bool IsVote(System.Text.Json.JsonElement e, bool open) =>
            e.GetProperty("data").TryGetProperty("vote", out var vote) && vote.ValueKind == System.Text.Json.JsonValueKind.Object
            && vote.GetProperty("open").GetBoolean() == open;
    }

    [Fact]
    public async Task AudienceVotesTakeTurnsWhilePlayersMovesNeverWait()
    {
        // One vote at a time and no waiting room; the store holds the first vote until the test lets it through, so the
        // second surely arrives while it is being counted.
        var held = new HeldVotes(new InMemoryAudienceStore());
        using var app = new PartyAppFactory()
            .WithSetting("RateLimits:AudienceVotesInFlight", "1")
            .WithSetting("RateLimits:AudienceVotesQueued", "0")
            .WithServices(services => services.AddSingleton<IAudienceStore>(held));
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(LongTimers, "Ann", "Bob", "Cy");
        var members = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            members.Add((await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Created))
                .GetProperty("audienceToken").GetString()!);
        }

        await game.OwnerOkAsync("play");
        await SubmitLiesAsync(game);
        var truth = (await game.StateAsync()).Answers.Single(a => a.Kind == AnswerKind.Truth).Id;

        var first = api.PostAsync(game.Path("audience/picks"), members[0], new { answerId = truth });
        await Eventually.TrueAsync(() => held.Entered == 1, "the first vote to reach the count");
        var refused = await api.PostAsync(game.Path("audience/picks"), members[1], new { answerId = truth });
        await ApiTestClient.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());

        // The players' moves go straight through while the vote is held (two of three: the third would close the vote).
        var guesses = await Task.WhenAll(new[] { "Ann", "Bob" }.Select(name =>
            api.PostAsync(game.Path("guesses"), game.Token(name), new { answerId = truth })));
        Assert.All(guesses, g => Assert.Equal(HttpStatusCode.OK, g.StatusCode));
        Assert.Equal(1, held.Entered);

        held.Release();
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
    }

    [Fact]
    public async Task TheAudiencesFramesGoOutOnItsOwnThreadsSoAHeldFanOutHoldsNoPlayerBack()
    {
        using var app = new PartyAppFactory().WithSetting("Audience:SenderThreads", "1");
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(LongTimers, "Ann", "Bob");
        async Task<string> JoinAudienceAsync() =>
            (await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Created)).GetProperty("audienceToken").GetString()!;
        await using var audienceSocket = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + Uri.EscapeDataString(await JoinAudienceAsync()));
        await using var audienceHub = await HubListener.ConnectAsync(app.BaseAddress, game.Code, await JoinAudienceAsync());
        await using var screen = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "role=host");
        await using var ann = await HubListener.ConnectAsync(app.BaseAddress, game.Code, game.Token("Ann"));

        // The audience's one sender thread is held: whatever the audience is sent waits behind it.
        await using var hold = await AudienceThreadHold.StartAsync(app.Services);

        // The players' side goes on: the move is answered and the screen and Ann's phone hear of it.
        await game.OwnerOkAsync("play");
        var started = await screen.Log.WaitForTypeAsync(BluffEvents.LieStarted);
        await ann.Log.WaitForTypeAsync(BluffEvents.LieStarted);
        await game.PlayerOkAsync("Ann", "lies", new { text = "a velvet submarine" });
        await ann.Log.WaitForTypeAsync(BluffEvents.SubmissionReceived);
        Assert.Empty(audienceSocket.Log.OfType(BluffEvents.LieStarted));
        Assert.Empty(audienceHub.Log.OfType(BluffEvents.LieStarted));

        // Let go, and the audience gets everything it missed, in order.
        await hold.ReleaseAsync();
        foreach (var log in new[] { audienceSocket.Log, audienceHub.Log })
        {
            var seen = await log.WaitForTypeAsync(BluffEvents.SubmissionReceived);
            Assert.Equal(started.GetProperty("seq").GetInt64(), log.OfType(BluffEvents.LieStarted).Single().GetProperty("seq").GetInt64());
            Assert.True(seen.GetProperty("seq").GetInt64() > started.GetProperty("seq").GetInt64());
        }
    }

    [Theory]
    [InlineData(null, 10)]
    [InlineData("3", 3)]
    [InlineData("0", 0)]
    public async Task TheAudiencesThreadsRunBelowTheRestOfTheServerByTheNicenessSet(string? setting, int expected)
    {
        using var app = setting is null ? new PartyAppFactory() : new PartyAppFactory().WithSetting("Audience:SenderNiceness", setting);
        app.EnsureStarted();
        // The audience's threads start when the first audience connection asks for them, from that thread: here, this
        // one. Read before anything is awaited: after an await this method may go on on another thread.
        var server = ThreadNiceness.Current();
        Assert.NotNull(server); // Linux: the server's and the suite's platform
        var fanout = app.Services.GetRequiredService<AudienceFanout>();
        Assert.Equal(server, ThreadNiceness.Current()); // the thread that started them as it was

        var audience = await ThreadPriorityProbe.NicenessOn(fanout.SwitchTo);

        Assert.Equal(Math.Min(19, server.Value + expected), audience);
    }

    [Theory]
    [InlineData("20")]
    [InlineData("-1")]
    public void ANicenessOutsideZeroToNineteenStopsTheServerAtStartWithTheSettingNamed(string setting)
    {
        using var app = new PartyAppFactory().WithSetting("Audience:SenderNiceness", setting);

        var refused = Assert.ThrowsAny<Exception>(app.EnsureStarted);

        Assert.Contains("SenderNiceness", refused.ToString(), StringComparison.Ordinal);
    }

    internal static async Task SubmitLiesAsync(RestGame game)
    {
        var lies = new[] { "a velvet submarine", "three angry owls", "a singing teapot" };
        var i = 0;
        foreach (var name in game.Players.Keys)
        {
            await game.PlayerOkAsync(name, "lies", new { text = lies[i++] });
        }
    }
}
