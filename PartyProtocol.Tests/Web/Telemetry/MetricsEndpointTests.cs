using System.Net;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Tests.Web.Realtime;

namespace PartyProtocol.Tests.Web.Telemetry;

/// <summary>/metrics after a real game: the game's session, players, moves, events and connections are in it.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task AfterAGameTheScrapeHasItsSessionPlayersMovesEventsAndConnections()
    {
        using var app = new PartyAppFactory()
            .WithSetting("Telemetry:Prometheus", "true")
            .WithSetting("RateLimits:JoinsPerMinute", "3");
        using var api = new ApiTestClient(app);
        var before = await ScrapeAsync(api);

        var game = await api.CreateGameAsync(new { rounds = 1, lieSeconds = 600, guessSeconds = 600, revealStepSeconds = 1, scoreboardSeconds = 1 },
            "Ann", "Bob", "Cy");
        await using var screen = await HubListener.ConnectAsync(app.BaseAddress, game.Code);
        await using var phone = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + Uri.EscapeDataString(game.Token("Ann")));
        // A fourth join from this address is over the limit: a refusal to count.
        await ApiTestClient.ProblemAsync(await api.PostAsync(game.Path("players"), body: new { name = "Dee" }), HttpStatusCode.TooManyRequests, "rate_limited");

        var playing = await ScrapeAsync(api);
        Assert.Equal(1, playing.Sum("partyprotocol_sessions_live", "game=bluff") - before.Sum("partyprotocol_sessions_live", "game=bluff"));
        Assert.Equal(3, playing.Sum("partyprotocol_players", "game=bluff") - before.Sum("partyprotocol_players", "game=bluff"));
        Assert.Equal(1, playing.Sum("partyprotocol_connections", "transport=signalr") - before.Sum("partyprotocol_connections", "transport=signalr"));
        Assert.Equal(1, playing.Sum("partyprotocol_connections", "transport=websocket") - before.Sum("partyprotocol_connections", "transport=websocket"));

        await game.OwnerOkAsync("play");
        // One refused move: the truth is no lie.
        await ApiTestClient.ProblemAsync(await game.PlayerAsync("Ann", "lies", new { text = await game.TruthAsync() }), HttpStatusCode.UnprocessableEntity, "lie_is_truth");
        await game.PlayerOkAsync("Ann", "lies", new { text = "a velvet submarine" });
        await game.PlayerOkAsync("Bob", "lies", new { text = "three angry owls" });
        await game.PlayerOkAsync("Cy", "lies", new { text = "a lighthouse" });
        foreach (var name in new[] { "Ann", "Bob", "Cy" })
        {
            await game.PlayerOkAsync(name, "guesses", new { answerId = await game.TruthIdAsync() });
        }

        // The reveal and scoreboard end on their deadlines; then the session is over and no longer live.
        await Eventually.TrueAsync(async () => (await game.SessionAsync())?.Status == PartyProtocol.Core.Sessions.SessionStatus.Finished,
            "the game to end", TimeSpan.FromSeconds(60));
        PrometheusScrape after = default!;
        await Eventually.TrueAsync(async () =>
        {
            after = await ScrapeAsync(api);
            return after.Sum("partyprotocol_sessions_live", "game=bluff") == before.Sum("partyprotocol_sessions_live", "game=bluff");
        }, "the finished session to leave the live gauge");

        double Delta(string name, params string[] labels) => after.Sum(name, labels) - before.Sum(name, labels);
        Assert.Equal(1, Delta("partyprotocol_sessions_created_total", "game=bluff"));
        Assert.Equal(3, Delta("partyprotocol_move_duration_seconds_count", "transport=http", "move=lies", "outcome=ok"));
        Assert.Equal(1, Delta("partyprotocol_move_duration_seconds_count", "transport=http", "move=lies", "outcome=lie_is_truth"));
        Assert.Equal(3, Delta("partyprotocol_move_duration_seconds_count", "transport=http", "move=guesses", "outcome=ok"));
        Assert.Equal(3, Delta("partyprotocol_events_published_total", "type=player.joined"));
        Assert.Equal(1, Delta("partyprotocol_events_published_total", "type=session.started"));
        Assert.True(Delta("partyprotocol_events_delivered_total", "origin=local") >= Delta("partyprotocol_events_published_total"));
        Assert.True(Delta("partyprotocol_deadline_lateness_seconds_count") >= 2, "the reveal steps and the scoreboard end on deadlines");
        Assert.True(Delta("partyprotocol_store_duration_seconds_count", "operation=commit", "store=memory") >= 10);
        Assert.Equal(1, Delta("partyprotocol_rate_limit_refusals_total", "policy=join-session"));
        Assert.True(after.Has("http_server_request_duration_seconds_bucket"), "ASP.NET Core's own request metrics are exported too.");
    }

    [Fact]
    public async Task MetricsAreOffByDefaultAndOnlyAnsweredToTheConfiguredNetworks()
    {
        using var off = new PartyAppFactory();
        using var elsewhere = new PartyAppFactory()
            .WithSetting("Telemetry:Prometheus", "true")
            .WithSetting("Telemetry:MetricsNetworks:0", "10.0.0.0/8");
        using var local = new PartyAppFactory().WithSetting("Telemetry:Prometheus", "true");

        using var offClient = off.CreateLiveClient();
        using var elsewhereClient = elsewhere.CreateLiveClient();
        using var localClient = local.CreateLiveClient();
        Assert.Equal(HttpStatusCode.NotFound, (await offClient.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhereClient.GetAsync("/metrics")).StatusCode);
        var answered = await localClient.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.StartsWith("text/plain", answered.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<PrometheusScrape> ScrapeAsync(ApiTestClient api)
    {
        // The exporter caches a scrape briefly; a fresh one is what the next assertion needs.
        await Task.Delay(400);
        var response = await api.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusScrape.Parse(await response.Content.ReadAsStringAsync());
    }
}
