using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>
/// WebSockets are not covered by CORS: a page on any site a player visits could open the game hub, the game
/// WebSocket or a Blazor circuit with the player's cookies. Each checks <c>Origin</c>: the server's own address,
/// <c>Screens:PublicUrl</c> and <c>Realtime:AllowedOrigins</c> may connect, as may clients that send no Origin at all
/// (scripts, apps); other pages get 403 <c>origin_not_allowed</c> before anything is set up.
/// </summary>
public sealed class OriginTests
{
    private const string Evil = "http://evil.example";

    [Fact]
    public async Task PagesFromAnotherSiteCannotOpenAnyRealTimeConnection()
    {
        using var app = new PartyAppFactory();
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(null, "Ann");

        await ApiTestClient.ProblemAsync(await UpgradeAsync(app, $"ws/game/{game.Code}/?role=host", Evil), HttpStatusCode.Forbidden, "origin_not_allowed");
        await ApiTestClient.ProblemAsync(await PostAsync(app, $"hubs/game/negotiate?code={game.Code}&negotiateVersion=1", Evil),
            HttpStatusCode.Forbidden, "origin_not_allowed");
        await ApiTestClient.ProblemAsync(await PostAsync(app, "_blazor/negotiate?negotiateVersion=1", Evil), HttpStatusCode.Forbidden, "origin_not_allowed");
        await ApiTestClient.ProblemAsync(await PostAsync(app, "_blazor/negotiate?negotiateVersion=1", "null"), HttpStatusCode.Forbidden, "origin_not_allowed");
        await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(app, game.Code, Evil));
    }

    [Fact]
    public async Task TheServersOwnPagesAndClientsWithoutAnOriginConnect()
    {
        using var app = new PartyAppFactory();
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(null, "Ann");
        var self = app.BaseAddress.GetLeftPart(UriPartial.Authority);

        await (await ConnectAsync(app, game.Code, self)).DisposeAsync();
        await (await ConnectAsync(app, game.Code, origin: null)).DisposeAsync();
        await ApiTestClient.OkAsync(await PostAsync(app, $"hubs/game/negotiate?code={game.Code}&negotiateVersion=1", self));
        await ApiTestClient.OkAsync(await PostAsync(app, "_blazor/negotiate?negotiateVersion=1", self));
        await using var hub = await HubListener.ConnectAsync(app.BaseAddress, game.Code);
    }

    [Fact]
    public async Task ThePublicAddressAndTheConfiguredOriginsMayConnect()
    {
        using var app = new PartyAppFactory()
            .WithSetting("Screens:PublicUrl", "http://192.168.1.20:5141/")
            .WithSetting("Realtime:AllowedOrigins:0", "https://tv.example");
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(null, "Ann");

        await (await ConnectAsync(app, game.Code, "http://192.168.1.20:5141")).DisposeAsync();
        await ApiTestClient.OkAsync(await PostAsync(app, $"hubs/game/negotiate?code={game.Code}&negotiateVersion=1", "https://tv.example"));
        await ApiTestClient.ProblemAsync(await PostAsync(app, "_blazor/negotiate?negotiateVersion=1", "https://tv.example.evil.example"),
            HttpStatusCode.Forbidden, "origin_not_allowed");
        await ApiTestClient.ProblemAsync(await PostAsync(app, "_blazor/negotiate?negotiateVersion=1", "http://tv.example"),
            HttpStatusCode.Forbidden, "origin_not_allowed");
    }

    [Fact]
    public void AnAllowedOriginThatIsNotOneStopsStartUpNamingIt()
    {
        using var app = new PartyAppFactory().WithSetting("Realtime:AllowedOrigins:0", "tv.example");

        var refused = Assert.ThrowsAny<Exception>(app.EnsureStarted);

        Assert.Contains("'tv.example' is not an origin", refused.ToString());
    }

    private static async Task<SocketListener> ConnectAsync(PartyAppFactory app, string code, string? origin) =>
        await SocketListener.ConnectAsync(app.BaseAddress, code, "role=host", origin is null ? null : new Dictionary<string, string> { ["Origin"] = origin });

    private static async Task<HttpResponseMessage> PostAsync(PartyAppFactory app, string path, string origin)
    {
        using var client = app.CreateLiveClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        request.Headers.Add("Origin", origin);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<HttpResponseMessage> UpgradeAsync(PartyAppFactory app, string path, string origin)
    {
        using var client = app.CreateLiveClient();
        using var upgrade = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        upgrade.Headers.Connection.Add("Upgrade");
        upgrade.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
        upgrade.Headers.Add("Sec-WebSocket-Version", "13");
        upgrade.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        upgrade.Headers.Add("Origin", origin);
        var response = await client.SendAsync(upgrade);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
