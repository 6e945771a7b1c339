using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>
/// Kestrel's sockets write on the thread that wrote (the audience's frames on the audience's threads) unless
/// <c>Realtime:InlineSocketScheduling</c> turns it off; either way a game reaches its players, its screen and its
/// audience over the hub and the plain WebSocket.
/// </summary>
public sealed class SocketSchedulingTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("false", false)]
    public async Task TheSocketsRunInlineUnlessTurnedOffAndAGameReachesEveryoneEitherWay(string? setting, bool inline)
    {
        using var app = setting is null ? new PartyAppFactory() : new PartyAppFactory().WithSetting("Realtime:InlineSocketScheduling", setting);
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(new { rounds = 1, lieSeconds = 600 }, "Ann", "Bob");
        Assert.Equal(inline, app.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.UnsafePreferInlineScheduling);

        var audienceToken = (await ApiTestClient.OkAsync(await api.PostAsync(game.Path("audience")), HttpStatusCode.Created))
            .GetProperty("audienceToken").GetString()!;
        await using var audience = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + Uri.EscapeDataString(audienceToken));
        await using var screen = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "role=host");
        await using var ann = await HubListener.ConnectAsync(app.BaseAddress, game.Code, game.Token("Ann"));

        await game.OwnerOkAsync("play");
        await game.PlayerOkAsync("Ann", "lies", new { text = "a velvet submarine" });

        foreach (var log in new[] { audience.Log, screen.Log, ann.Log })
        {
            await log.WaitForTypeAsync(BluffEvents.LieStarted);
            await log.WaitForTypeAsync(BluffEvents.SubmissionReceived);
        }
    }
}
