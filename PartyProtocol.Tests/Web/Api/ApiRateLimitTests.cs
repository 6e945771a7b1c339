using System.Net;

namespace PartyProtocol.Tests.Web.Api;

public sealed class ApiRateLimitTests
{
    [Fact]
    public async Task CreatingSessionsFasterThanTheLimitIsRateLimited()
    {
        using var app = new CapturingAppFactory();
        app.WithSetting("RateLimits:SessionCreatesPerMinute", "2");
        using var api = new ApiTestClient(app);
        await api.CreateGameAsync();
        await api.CreateGameAsync();
        var refused = await api.PostAsync("/api/sessions", body: new { game = "bluff" });
        await ApiTestClient.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);

        // Only creation is limited: the sessions already made still work.
        await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Get, "/api/games"));
    }

    [Fact]
    public async Task JoiningFasterThanTheLimitIsRateLimited()
    {
        using var app = new CapturingAppFactory();
        app.WithSetting("RateLimits:JoinsPerMinute", "3");
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(null, "Ann", "Bob", "Cy");
        await ApiTestClient.ProblemAsync(await api.PostAsync(game.Path("players"), body: new { name = "Dee" }), HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(3, (await game.ViewAsync()).GetProperty("players").GetArrayLength());
    }

    [Fact]
    public async Task JoiningTheAudienceFasterThanTheLimitIsRateLimitedWithRetryAfterAndCountsNobody()
    {
        using var app = new CapturingAppFactory();
        app.WithSetting("RateLimits:AudienceJoinsPerMinute", "3");
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(null, "Ann", "Bob");
        for (var i = 0; i < 3; i++)
        {
            await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Created);
        }

        var refused = await api.PostAsync(game.Path("audience"));
        await ApiTestClient.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);

        // The refused join made no member, and the audience's budget is its own: players still join.
        var audience = await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Get, game.Path("audience")));
        Assert.Equal(3, audience.GetProperty("members").GetInt64());
        await ApiTestClient.OkAsync(await api.PostAsync(game.Path("players"), body: new { name = "Cy" }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task TheDefaultAudienceLimitLetsAHundredPeopleBehindOneAddressJoinAtOnce()
    {
        using var app = new CapturingAppFactory();
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(null, "Ann", "Bob");
        // A hall behind one NAT: as many as may hold a live connection from one address (Realtime:MaxConnectionsPerAddress).
        await Parallel.ForEachAsync(Enumerable.Range(0, 100), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
            await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Created));
        var audience = await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Get, game.Path("audience")));
        Assert.Equal(100, audience.GetProperty("members").GetInt64());
    }

    [Fact]
    public async Task TheDefaultLimitsLetAThousandPlayersJoinFromOneAddress()
    {
        using var app = new CapturingAppFactory();
        using var api = new ApiTestClient(app);
        // 125 rooms of 8, eight rooms at a time: what a load test from 127.0.0.1 does within a minute.
        await Parallel.ForEachAsync(Enumerable.Range(0, 125), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
        {
            var game = await api.CreateGameAsync(null, "P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7");
            Assert.Equal(8, game.Players.Count);
        });
    }
}
