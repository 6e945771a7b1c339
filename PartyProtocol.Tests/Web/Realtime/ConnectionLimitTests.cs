using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Web.Protection;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>
/// One client cannot hold unbounded connections: hub connections and game WebSockets (and Blazor circuits, see
/// AbuseInTheBrowserTests) count against <c>Realtime:MaxConnectionsPerAddress</c>, hub connections and WebSockets of
/// one session against <c>Realtime:MaxConnectionsPerSession</c>; the excess is refused before the upgrade with
/// 429 <c>too_many_connections</c>, and a closed connection gives its place back.
/// </summary>
public sealed class ConnectionLimitTests
{
    [Fact]
    public async Task AClientCannotOpenMoreConnectionsThanItsShareAndGetsThemBackOnClosing()
    {
        using var app = new PartyAppFactory().WithSetting("Realtime:MaxConnectionsPerAddress", "3");
        using var api = new ApiTestClient(app);
        var game = await api.CreateGameAsync(null, "Ann", "Bob");
        var limiter = app.Services.GetRequiredService<ConnectionLimiter>();
        using var refusals = new RefusalCounter("connections-per-address");

        var ann = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.Token("Ann"));
        await using var screen = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "role=host");
        await using var bob = await HubListener.ConnectAsync(app.BaseAddress, game.Code, game.Token("Bob"));
        Assert.Equal(3, limiter.ConnectionsFrom("127.0.0.1"));

        Assert.Equal((429, "too_many_connections"), await SocketListener.RefusedAsync(app.BaseAddress, $"ws/game/{game.Code}/?role=host"));
        await ApiTestClient.ProblemAsync(await NegotiateAsync(api, game.Code), HttpStatusCode.TooManyRequests, "too_many_connections");
        await ApiTestClient.ProblemAsync(await api.Http.PostAsync(new Uri("_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null),
            HttpStatusCode.TooManyRequests, "too_many_connections");
        // The refused ones took nothing, and the open ones still work; the operator sees them among the 429s.
        Assert.Equal(3, limiter.ConnectionsFrom("127.0.0.1"));
        Assert.True(refusals.Count >= 3, $"{refusals.Count} refusals counted in partyprotocol.rate_limit.refusals");
        Assert.Equal("pong", await bob.Connection.InvokeAsync<string>("Ping"));

        await ann.CloseAsync();
        await ann.DisposeAsync();
        await Eventually.TrueAsync(() => limiter.ConnectionsFrom("127.0.0.1") == 2, "the closed socket's place given back");
        await using var again = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.Token("Ann"));
        await again.SendAsync("{\"type\":\"ping\"}");
        await again.Log.WaitForTypeAsync("pong");
    }

    [Fact]
    public async Task ASessionCannotHaveMoreConnectionsThanItsShare()
    {
        using var app = new PartyAppFactory().WithSetting("Realtime:MaxConnectionsPerSession", "2");
        using var api = new ApiTestClient(app);
        var crowded = await api.CreateGameAsync(null, "Ann");
        var other = await api.CreateGameAsync(null, "Bob");

        await using var first = await SocketListener.ConnectAsync(app.BaseAddress, crowded.Code, "role=host");
        await using var second = await HubListener.ConnectAsync(app.BaseAddress, crowded.Code);

        Assert.Equal((429, "too_many_connections"), await SocketListener.RefusedAsync(app.BaseAddress, $"ws/game/{crowded.Code}/?role=host"));
        await ApiTestClient.ProblemAsync(await NegotiateAsync(api, crowded.Code.ToLowerInvariant()), HttpStatusCode.TooManyRequests, "too_many_connections");
        await using var elsewhere = await SocketListener.ConnectAsync(app.BaseAddress, other.Code, "role=host");
        await elsewhere.SendAsync("{\"type\":\"ping\"}");
        await elsewhere.Log.WaitForTypeAsync("pong");
        Assert.Equal(2, app.Services.GetRequiredService<ConnectionLimiter>().ConnectionsTo(crowded.Code));
    }

    /// <summary>
    /// Counts <c>partyprotocol.rate_limit.refusals</c> of one policy. The meter is process-wide and other tests run
    /// alongside, so a test can rely on a lower bound only.
    /// </summary>
    private sealed class RefusalCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private int _count;

        public RefusalCounter(string policy)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "partyprotocol.rate_limit.refusals")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "policy" && Equals(tag.Value, policy))
                    {
                        Interlocked.Add(ref _count, (int)value);
                    }
                }
            });
            _listener.Start();
        }

        public int Count => Volatile.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }

    private static Task<HttpResponseMessage> NegotiateAsync(ApiTestClient api, string code) =>
        api.Http.PostAsync(new Uri($"hubs/game/negotiate?code={code}&negotiateVersion=1", UriKind.Relative), null);
}
