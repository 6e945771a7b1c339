using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Tests.Web.Realtime;
using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Tests.Web.Scaleout;

/// <summary>
/// <see cref="ConnectMomentTests"/> across instances, with the SignalR Redis backplane in place: the hub connection is
/// held on one instance right after its handshake while the event is committed on the other.
/// </summary>
[Collection(ScaleoutCollection.Name)]
public sealed class CrossInstanceConnectMomentTests
{
    [Fact]
    public async Task AHubClientReceivesAnEventCommittedOnAnotherInstanceTheMomentItsStartReturned()
    {
        var hold = new ConnectionHold();
        var prefix = ScaleoutInstance.NewKeyPrefix();
        await using var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        await using var b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix,
            configure: app => app.WithServices(services => services.AddSingleton<IConnectionOpenedHook>(hold)));
        using var apiA = new ApiTestClient(a.App);
        var game = await apiA.CreateGameAsync(null, "Ann");
        var log = new EventLog();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(b.App.BaseAddress, $"hubs/game?code={game.Code}"), options => options.Transports = HttpTransportType.WebSockets)
            .Build();
        connection.On<JsonElement>("event", log.Add);

        await connection.StartAsync();
        await hold.PublishWhileHeldAsync("hub", () => game.JoinAsync("Bob"));

        await ConnectMomentTests.AssertJoinsArriveAsync(log, game);
    }
}
