using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Tests.Web.Realtime;
using PartyProtocol.Web.Scaleout;

namespace PartyProtocol.Tests.Web.Scaleout;

[Collection(ScaleoutCollection.Name)]
public sealed class RedisFaultTests
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task HealthIsReportedWithoutRedisInTheEmbeddedMode()
    {
        using var app = new PartyAppFactory();
        using var client = app.CreateLiveClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.False(body.RootElement.GetProperty("checks").TryGetProperty("redis", out _));
    }

    [Fact]
    public async Task WhileRedisIsDownRequestsFailClearlyAndTheLobbyCarriesOnWhenItReturns()
    {
        await using var redis = await RedisTestServer.StartAsync();
        var prefix = ScaleoutInstance.NewKeyPrefix();
        await using var a = ScaleoutInstance.Start(redis.ConnectionString, prefix);
        await using var b = ScaleoutInstance.Start(redis.ConnectionString, prefix);
        using var health = a.App.CreateLiveClient();
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/healthz")).StatusCode);

        var created = await a.CreateBluffAsync(new BluffSettings());
        var code = created.Code;
        await b.JoinAsync(code, "Ada");

        await redis.StopAsync(save: true);

        var down = await health.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        using (var body = JsonDocument.Parse(await down.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", body.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        }

        var refused = await b.Games.JoinAsync(code, "Bo", null);
        Assert.Equal(ErrorCodes.Unavailable, refused.Error!.Code);
        Assert.Equal(ErrorKind.Unavailable, refused.Error.Kind);
        Assert.Equal(ErrorCodes.Unavailable, (await a.Games.CreateSessionAsync(BluffCartridge.GameKey, null)).Error!.Code);
        Assert.Equal(ErrorCodes.Unavailable, (await a.Games.GetViewAsync(code, (string?)null)).Error!.Code);

        await redis.StartAgainAsync();

        await Eventually.TrueAsync(async () => (await health.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK, "/healthz to recover", Recovery);
        await Eventually.TrueAsync(async () => (await b.Games.JoinAsync(code, "Bo", null)).IsSuccess, "joining to work again", Recovery);
        var lobby = await a.ViewAsync(code);
        Assert.Equal(["Ada", "Bo"], lobby.Players.Select(p => p.Name));
        // Events cross instances again: the join made on B reaches A's subscribers.
        await a.WaitForEventAsync(code, e => e.Type == EventTypes.PlayerJoined && EventData.Json(e.Data).GetRawText().Contains("\"Bo\"", StringComparison.Ordinal),
            Recovery, "Bo's join on instance A");
        Assert.True((await a.Games.PlayAsync(code, created.OwnerToken)).IsSuccess);
        Assert.Equal("lie", (await b.ViewAsync(code)).Phase);
    }

    [Fact]
    public async Task WhileRedisIsDownTheApiAnswersServiceUnavailableProblems()
    {
        await using var redis = await RedisTestServer.StartAsync();
        await using var a = ScaleoutInstance.Start(redis.ConnectionString, ScaleoutInstance.NewKeyPrefix());
        using var api = new ApiTestClient(a.App);
        var game = await api.CreateGameAsync(new { });

        await redis.StopAsync(save: true);

        await ApiTestClient.ProblemAsync(await api.PostAsync(game.Path("players"), body: new { name = "Ada" }), HttpStatusCode.ServiceUnavailable, "unavailable");
        await ApiTestClient.ProblemAsync(await api.SendAsync(HttpMethod.Get, game.Path()), HttpStatusCode.ServiceUnavailable, "unavailable");
        await ApiTestClient.ProblemAsync(await api.PostAsync("/api/sessions", body: new { game = "bluff" }), HttpStatusCode.ServiceUnavailable, "unavailable");

        await redis.StartAgainAsync();

        await Eventually.TrueAsync(async () => (await api.PostAsync(game.Path("players"), body: new { name = "Ada" })).StatusCode == HttpStatusCode.Created,
            "joining over REST to work again", TimeSpan.FromSeconds(30));
        Assert.Equal("Ada", (await game.ViewAsync()).GetProperty("players")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnInstanceStartsWhileRedisIsDownAndServesGamesOnceRedisIsUp()
    {
        await using var redis = await RedisTestServer.StartAsync();
        await redis.StopAsync(save: false);

        await using var a = ScaleoutInstance.Start(redis.ConnectionString, ScaleoutInstance.NewKeyPrefix());
        using var client = a.App.CreateLiveClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(ErrorCodes.Unavailable, (await a.Games.CreateSessionAsync(BluffCartridge.GameKey, null)).Error!.Code);

        // Pages need the Data Protection key ring, which lives in Redis: unavailable for now, said so, not a 500.
        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("cannot reach its storage", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await redis.StartAgainAsync();

        await Eventually.TrueAsync(async () => (await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK, "/healthz to turn healthy", Recovery);
        await Eventually.TrueAsync(async () => (await client.GetAsync("/")).StatusCode == HttpStatusCode.OK, "the start page to render again", Recovery);
        var created = await a.CreateBluffAsync(new BluffSettings());
        await a.WaitForEventAsync(created.Code, e => e.Type == EventTypes.SessionCreated, what: "session.created");
    }

    [Fact]
    public async Task DuringAStallCallsFailWithinASecondWithAProblemThatSaysNothingAboutRedis()
    {
        await using var redis = await RedisTestServer.StartAsync();
        await using var a = ScaleoutInstance.Start(redis.ConnectionString, ScaleoutInstance.NewKeyPrefix());
        using var api = new ApiTestClient(a.App);
        var game = await api.CreateGameAsync(new { });
        var multiplexer = a.App.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>();

        await redis.PauseAsync();
        try
        {
            // The first call meets the stall before the instance knows of it: it waits for the probe to go unanswered
            // (600 ms, plus up to 200 ms until the next probe, and another probe when this process was too busy to read
            // the first one's answer in time), never for the client's own 5 s timeout. The next calls fail at once.
            foreach (var attempt in Enumerable.Range(0, 3))
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var response = await api.PostAsync(game.Path("players"), body: new { name = "Ada" + attempt });
                var took = watch.Elapsed;
                var text = (await ApiTestClient.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "unavailable")).GetRawText();
                var limit = attempt == 0 ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(1);
                Assert.True(took < limit, $"Call {attempt} took {took.TotalMilliseconds:0} ms (limit {limit.TotalMilliseconds:0} ms).");
                // Endpoints, the client name, thread-pool figures and the library's version stay in the log.
                foreach (var secret in new[] { redis.ConnectionString, redis.ConnectionString.Split(':')[^1], multiplexer.ClientName, "StackExchange", "IOCP", "WORKER", "Timeout", "EVAL", "Redis" })
                {
                    Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
                }
            }
        }
        finally
        {
            await redis.ResumeAsync();
        }

        await Eventually.TrueAsync(async () => (await api.PostAsync(game.Path("players"), body: new { name = "Ada" })).StatusCode == HttpStatusCode.Created,
            "joining to work again", Recovery);
    }

    [Fact]
    public async Task ASessionLostFromRedisIsAnnouncedAsEndedToClientsOfEveryInstance()
    {
        await using var redis = await RedisTestServer.StartAsync();
        var prefix = ScaleoutInstance.NewKeyPrefix();
        var quickCheck = new Dictionary<string, string> { ["Sessions:EndCheckInterval"] = "00:00:00.200" };
        await using var a = ScaleoutInstance.Start(redis.ConnectionString, prefix, quickCheck);
        await using var b = ScaleoutInstance.Start(redis.ConnectionString, prefix, quickCheck);
        await redis.SaveAsync();

        // Created after the last snapshot: Redis comes back from a restart without it.
        var created = await a.CreateBluffAsync(new BluffSettings());
        var ada = await a.JoinAsync(created.Code, "Ada");
        await using var screen = await HubListener.ConnectAsync(a.App.BaseAddress, created.Code);
        await using var phone = await SocketListener.ConnectAsync(b.App.BaseAddress, created.Code, "session_token=" + ada.PlayerToken);
        // Both end checks have seen the session alive since its clients connected (an end is announced only for a
        // session seen alive).
        var checks = new[] { a, b }.Select(i => i.App.Services.GetRequiredService<PartyProtocol.Web.Realtime.SessionEndNotifier>()).ToList();
        var connected = checks.Select(c => c.Passes).ToList();
        await Eventually.TrueAsync(() => checks[0].Passes >= connected[0] + 2 && checks[1].Passes >= connected[1] + 2, "both end checks to see the session");
        var seq = (await a.ViewAsync(created.Code)).Seq;

        await redis.KillAsync();
        await redis.StartAgainAsync();

        foreach (var log in new[] { screen.Log, phone.Log })
        {
            JsonElement ended;
            try
            {
                ended = await log.WaitForTypeAsync("session.ended", timeout: Recovery);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"{ex.Message} A: {checks[0].Describe()} ({checks[0].Pulse.Failures} failures, {checks[0].Passes} passes); "
                    + $"B: {checks[1].Describe()} ({checks[1].Pulse.Failures} failures, {checks[1].Passes} passes); screen state {screen.Connection.State}; phone {phone.State}");
            }

            Assert.Equal("lost", ended.GetProperty("data").GetProperty("reason").GetString());
            Assert.Equal(seq + 1, ended.GetProperty("seq").GetInt64());
        }

        await phone.Closed.WaitAsync(Recovery);
        Assert.Single(screen.Log.OfType("session.ended"));
    }

    [Fact]
    public async Task AfterRedisComesBackWithoutItsLastWriteNoInstanceServesOrBuildsOnTheLostVersion()
    {
        await using var redis = await RedisTestServer.StartAsync();
        var prefix = ScaleoutInstance.NewKeyPrefix();
        await using var a = ScaleoutInstance.Start(redis.ConnectionString, prefix);
        await using var b = ScaleoutInstance.Start(redis.ConnectionString, prefix);
        var created = await a.CreateBluffAsync(new BluffSettings());
        var code = created.Code;
        await b.ViewAsync(code);
        await redis.SaveAsync();

        // Ada's join is acknowledged to A, then lost: Redis dies and restarts from the snapshot taken before it.
        await a.JoinAsync(code, "Ada");
        Assert.Equal(["Ada"], (await a.ViewAsync(code)).Players.Select(p => p.Name));
        await redis.KillAsync();
        await redis.StartAgainAsync();

        // B, on what Redis has now, seats Bo: version 2 again, like the copy A kept of its lost write.
        await Eventually.TrueAsync(async () => (await b.Games.JoinAsync(code, "Bo", null)).IsSuccess, "joining through B to work again", Recovery);
        await Eventually.TrueAsync(async () => (await a.Games.GetViewAsync(code, (string?)null)).IsSuccess, "A to read again", Recovery);

        Assert.Equal(["Bo"], (await a.ViewAsync(code)).Players.Select(p => p.Name));
        await a.JoinAsync(code, "Cy");
        Assert.Equal(["Bo", "Cy"], (await b.ViewAsync(code)).Players.Select(p => p.Name));
    }

    [Fact]
    public async Task WhenRedisAnswersAgainAfterAStallAnInstanceDropsItsSessionCopies()
    {
        await using var redis = await RedisTestServer.StartAsync();
        await using var a = ScaleoutInstance.Start(redis.ConnectionString, ScaleoutInstance.NewKeyPrefix());
        var availability = a.App.Services.GetRequiredService<RedisAvailability>();
        var store = a.App.Services.GetRequiredService<RedisSessionStore>();
        var created = await a.CreateBluffAsync(new BluffSettings());
        await a.ViewAsync(created.Code);
        Assert.Equal(1, store.Copies);

        await redis.PauseAsync();
        try
        {
            await Eventually.TrueAsync(() => !availability.IsAvailable, "the instance to notice the stall", TimeSpan.FromSeconds(5));
        }
        finally
        {
            await redis.ResumeAsync();
        }

        await Eventually.TrueAsync(() => availability.IsAvailable, "the instance to notice Redis is back", TimeSpan.FromSeconds(5));
        // The copies go in the recovery's handler, just after the instance counts Redis as available again.
        await Eventually.TrueAsync(() => store.Copies == 0, "the instance to drop its session copies", TimeSpan.FromSeconds(5));
        var fromCopy = store.ReadsFromCopy;
        await a.ViewAsync(created.Code);
        Assert.Equal(fromCopy, store.ReadsFromCopy);
    }

    [Fact]
    public async Task AfterThePubSubConnectionsAreKilledEventsCrossInstancesAgainWithinSeconds()
    {
        await using var redis = await RedisTestServer.StartAsync();
        var prefix = ScaleoutInstance.NewKeyPrefix();
        await using var a = ScaleoutInstance.Start(redis.ConnectionString, prefix);
        await using var b = ScaleoutInstance.Start(redis.ConnectionString, prefix);
        var created = await a.CreateBluffAsync(new BluffSettings());
        var code = created.Code;
        await b.WaitForEventAsync(code, e => e.Type == EventTypes.SessionCreated, what: "the session on instance B");
        await using var socketOnB = await SocketListener.ConnectAsync(b.App.BaseAddress, code, "role=host");
        await using var hubOnB = await HubListener.ConnectAsync(b.App.BaseAddress, code);
        var subscriptionsBefore = b.Bridge.Subscriptions;

        using (var admin = await redis.AdminAsync())
        {
            // Every subscriber connection: the bridges', the deadline notices' and the SignalR backplane's.
            var killed = (long)await admin.GetDatabase().ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
            Assert.True(killed >= 2, $"Expected to kill both instances' subscriber connections, killed {killed}.");
        }

        // A join made on A while B may still be reconnecting: B shows it, as the event or as a resync past it.
        await a.JoinAsync(code, "Ada");
        var seqOfJoin = (await a.ViewAsync(code)).Seq;
        await b.WaitForEventAsync(code, e => e.Seq >= seqOfJoin, TimeSpan.FromSeconds(15), "the join (or a resync past it) on instance B");
        await socketOnB.Log.WaitForAsync(e => e.GetProperty("seq").GetInt64() >= seqOfJoin, "the join (or a resync past it) on B's socket", TimeSpan.FromSeconds(15));
        await Eventually.TrueAsync(() => b.Bridge.Subscriptions > subscriptionsBefore, "instance B to subscribe again", TimeSpan.FromSeconds(15));

        // The next event crosses as an event again, within seconds, to B's subscribers, its socket and its hub client.
        await a.JoinAsync(code, "Bo");
        var boJoined = (await a.ViewAsync(code)).Seq;
        var within = TimeSpan.FromSeconds(10);
        var onBus = await b.WaitForEventAsync(code, e => e.Seq == boJoined, within, "Bo's join on instance B");
        Assert.Equal(EventTypes.PlayerJoined, onBus.Type);
        await socketOnB.Log.WaitForAsync(e => e.GetProperty("seq").GetInt64() == boJoined && e.GetProperty("type").GetString() == EventTypes.PlayerJoined,
            "Bo's join on B's socket", within);
        await hubOnB.Log.WaitForAsync(e => e.GetProperty("seq").GetInt64() == boJoined, "Bo's join on B's hub client", within);

        foreach (var seqs in new[] { b.EventsOf(code).Select(e => e.Seq).ToList(), socketOnB.Log.Events.Select(e => e.GetProperty("seq").GetInt64()).ToList() })
        {
            Assert.Equal(seqs.Order(), seqs);
            Assert.Equal(seqs.Distinct(), seqs);
        }
    }
}
