using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Realtime;

namespace PartyProtocol.Tests.Web.Api;

/// <summary>
/// One address once read all 279,841 room codes in 39 s and found every live room. Now each client has a few dozen
/// unknown codes a minute, over every door together (REST, hub negotiate, WebSocket upgrade), and then no lookups at
/// all — live codes included, or the refusals themselves would tell which rooms exist. Clients are IPv4 addresses
/// or IPv6 /64 networks. An anonymous view shows what the big screen shows.
/// </summary>
public sealed class RoomCodeEnumerationTests
{
    [Fact]
    public async Task AfterThirtyUnknownCodesInAMinuteEvenALiveCodeIsRefusedButOtherClientsAreNot()
    {
        // The default budget, not one made up for the test.
        using var app = new PartyAppFactory().WithoutSetting("RateLimits:UnknownCodesPerMinute").WithSetting("ForwardedHeaders:KnownProxies:0", "127.0.0.1");
        using var api = new ApiTestClient(app);
        var live = await api.CreateGameAsync(null, "Ann");
        var codes = UnknownCodes(live.Code).Take(31).ToList();

        for (var i = 0; i < 30; i++)
        {
            await ApiTestClient.ProblemAsync(await GetAsync(api, codes[i], "203.0.113.7"), HttpStatusCode.NotFound, "session_not_found");
        }

        var refused = await GetAsync(api, codes[30], "203.0.113.7");
        await ApiTestClient.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(int.Parse(refused.Headers.RetryAfter!.ToString(), CultureInfo.InvariantCulture) is > 0 and <= 60);
        await ApiTestClient.ProblemAsync(await GetAsync(api, live.Code, "203.0.113.7"), HttpStatusCode.TooManyRequests, "rate_limited");
        await ApiTestClient.ProblemAsync(await JoinAsync(api, live.Code, "203.0.113.7"), HttpStatusCode.TooManyRequests, "rate_limited");

        await ApiTestClient.OkAsync(await GetAsync(api, live.Code, "198.51.100.20"));
        await ApiTestClient.ProblemAsync(await GetAsync(api, codes[30], "198.51.100.20"), HttpStatusCode.NotFound, "session_not_found");
    }

    [Fact]
    public async Task TheHubTheWebSocketAndRestShareOneBudgetOfUnknownCodes()
    {
        // Five misses: the WebSocket check below knocks twice (a WebSocket client, then HttpClient to read the problem).
        using var app = new PartyAppFactory().WithSetting("RateLimits:UnknownCodesPerMinute", "5");
        using var api = new ApiTestClient(app);
        var live = await api.CreateGameAsync(null, "Ann");
        var codes = UnknownCodes(live.Code).Take(5).ToList();

        await ApiTestClient.ProblemAsync(await NegotiateAsync(api, codes[0]), HttpStatusCode.NotFound, "session_not_found");
        Assert.Equal((404, "session_not_found"), await SocketListener.RefusedAsync(app.BaseAddress, $"ws/game/{codes[1]}/?role=host"));
        await ApiTestClient.ProblemAsync(await api.SendAsync(HttpMethod.Get, $"/api/sessions/{codes[2]}"), HttpStatusCode.NotFound, "session_not_found");
        await ApiTestClient.ProblemAsync(await api.PostAsync($"/api/sessions/{codes[3]}/players", body: new { name = "Eve" }),
            HttpStatusCode.NotFound, "session_not_found");

        // Out of unknown codes: every door refuses, whatever the code.
        await ApiTestClient.ProblemAsync(await NegotiateAsync(api, live.Code), HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal((429, "rate_limited"), await SocketListener.RefusedAsync(app.BaseAddress, $"ws/game/{live.Code}/?role=host"));
        Assert.Equal((429, "rate_limited"), await SocketListener.RefusedAsync(app.BaseAddress, $"ws/game/{codes[4]}/?role=host"));
        await ApiTestClient.ProblemAsync(await api.SendAsync(HttpMethod.Get, live.Path()), HttpStatusCode.TooManyRequests, "rate_limited");
        // What names no room is not a lookup: the games list still answers.
        await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Get, "/api/games"));
    }

    [Fact]
    public async Task RateLimitsCountAnIpv6SlashSixtyFourAsOneClient()
    {
        using var app = new PartyAppFactory()
            .WithSetting("ForwardedHeaders:KnownProxies:0", "127.0.0.1")
            .WithSetting("RateLimits:SessionCreatesPerMinute", "2");
        using var client = app.CreateLiveClient();

        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(client, "2001:db8:1:2::1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(client, "2001:db8:1:2:aaaa:bbbb:cccc:dddd")).StatusCode);
        await ApiTestClient.ProblemAsync(await CreateAsync(client, "2001:db8:1:2::ffff"), HttpStatusCode.TooManyRequests, "rate_limited");
        // The next /64 is another client.
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(client, "2001:db8:1:3::1")).StatusCode);
    }

    [Fact]
    public async Task AnAnonymousViewOfALobbyShowsWhatTheBigScreenShowsAndNoSettings()
    {
        using var app = new PartyAppFactory();
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(new { rounds = 3, familyFriendly = false, maxPlayers = 6 }, "Ann");

        var anonymous = await game.ViewAsync();
        Assert.Equal(["code", "game", "gameName", "status", "seq", "version", "players", "minPlayers", "capacity", "you", "settings", "room"],
            anonymous.EnumerateObject().Select(p => p.Name));
        Assert.Empty(anonymous.GetProperty("settings").EnumerateObject());
        Assert.Equal(6, anonymous.GetProperty("capacity").GetInt32());
        Assert.Equal("Ann", anonymous.GetProperty("players")[0].GetProperty("name").GetString());
        Assert.Equal("host", anonymous.GetProperty("you").GetProperty("role").GetString());

        var owner = await ApiTestClient.OkAsync(await api.SendAsync(HttpMethod.Get, game.Path(), game.OwnerToken));
        Assert.Equal(3, owner.GetProperty("settings").GetProperty("rounds").GetInt32());
        Assert.False(owner.GetProperty("settings").GetProperty("familyFriendly").GetBoolean());
        var player = await game.ViewAsync("Ann");
        Assert.Equal(3, player.GetProperty("settings").GetProperty("rounds").GetInt32());
    }

    // Codes that are well-formed and not the live one (creating a session picked it; nothing else exists here).
    private static IEnumerable<string> UnknownCodes(string live) =>
        from a in RoomCodes.Alphabet from b in RoomCodes.Alphabet let code = $"QZ{a}{b}" where code != live select code;

    private static Task<HttpResponseMessage> GetAsync(ApiTestClient api, string code, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"api/sessions/{code}", UriKind.Relative));
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return api.Http.SendAsync(request);
    }

    private static Task<HttpResponseMessage> JoinAsync(ApiTestClient api, string code, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/sessions/{code}/players", UriKind.Relative))
        {
            Content = JsonContent.Create(new { name = "Eve" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return api.Http.SendAsync(request);
    }

    private static Task<HttpResponseMessage> NegotiateAsync(ApiTestClient api, string code) =>
        api.Http.PostAsync(new Uri($"hubs/game/negotiate?code={code}&negotiateVersion=1", UriKind.Relative), null);

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = JsonContent.Create(new { game = "bluff" }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }
}
