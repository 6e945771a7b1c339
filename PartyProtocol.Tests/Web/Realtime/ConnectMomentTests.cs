using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>
/// From the moment a client sees its connection open — the hub's <c>StartAsync</c> returning at the end of the SignalR
/// handshake, the WebSocket's upgrade answered — every later event must reach it. Each test holds the server side of
/// a fresh connection right after that moment (<see cref="IConnectionOpenedHook"/>), publishes an event while it is
/// held, and requires the event to arrive: exactly once, in seq order, before the next one.
/// </summary>
public sealed class ConnectMomentTests
{
    [Fact]
    public async Task AHubClientReceivesAnEventPublishedTheMomentItsStartReturned()
    {
        var hold = new ConnectionHold();
        using var app = new PartyAppFactory().WithServices(services => services.AddSingleton<IConnectionOpenedHook>(hold));
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(null, "Ann");
        var log = new EventLog();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, $"hubs/game?code={game.Code}"), options => options.Transports = HttpTransportType.WebSockets)
            .Build();
        connection.On<JsonElement>("event", log.Add);

        await connection.StartAsync();
        await hold.PublishWhileHeldAsync("hub", () => game.JoinAsync("Bob"));

        await AssertJoinsArriveAsync(log, game);
    }

    [Fact]
    public async Task AWebSocketClientReceivesAnEventPublishedTheMomentItsUpgradeWasAnswered()
    {
        var hold = new ConnectionHold();
        using var app = new PartyAppFactory().WithServices(services => services.AddSingleton<IConnectionOpenedHook>(hold));
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(null, "Ann");

        await using var socket = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "role=host");
        await hold.PublishWhileHeldAsync("websocket", () => game.JoinAsync("Bob"));

        await AssertJoinsArriveAsync(socket.Log, game);
    }

    /// <summary>Bob joined while the connection was held; Cy joins after. Both arrive, once each, one seq apart, and nothing else.</summary>
    internal static async Task AssertJoinsArriveAsync(EventLog log, RestGame game)
    {
        await log.WaitForTypeAsync("player.joined", e => Name(e) == "Bob");
        await game.JoinAsync("Cy");
        await log.WaitForTypeAsync("player.joined", e => Name(e) == "Cy");
        var events = log.Events;
        Assert.Equal(["Bob", "Cy"], events.Select(Name));
        Assert.Equal(events[0].GetProperty("seq").GetInt64() + 1, events[1].GetProperty("seq").GetInt64());
    }

    private static string? Name(JsonElement e) =>
        e.GetProperty("type").GetString() == "player.joined" ? e.GetProperty("data").GetProperty("player").GetProperty("name").GetString() : e.GetProperty("type").GetString();
}
