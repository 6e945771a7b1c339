using System.Text.Json;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;

namespace PartyProtocol.Tests.Web.Realtime;

public sealed class PrivatePayloadTests
{
    [Fact]
    public async Task EachPlayersGuessScreenLeavesOutTheirOwnLieOnEveryConnectionAndReachesNoOneElse()
    {
        using var app = new PartyAppFactory();
        using var api = new ApiTestClient(app);
        // Dee writes no lie, so the lie phase ends at its (short) deadline and Dee gets the public answers.
        var game = await api.CreateGameAsync(new { lieSeconds = 6, guessSeconds = 600 }, "Ann", "Bob", "Cy", "Dee");
        var players = new[] { "Ann", "Bob", "Cy", "Dee" };
        var connections = new List<(string Who, EventLog Log, IAsyncDisposable Client)>();
        foreach (var name in players)
        {
            var hub = await HubListener.ConnectAsync(app.BaseAddress, game.Code, game.Token(name));
            var socket = await SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.Token(name));
            connections.Add((name, hub.Log, hub));
            connections.Add((name, socket.Log, socket));
        }

        var screens = new (string Who, IAsyncDisposable Client, EventLog Log)[]
        {
            await Screen(HubListener.ConnectAsync(app.BaseAddress, game.Code)),
            await Screen(HubListener.ConnectAsync(app.BaseAddress, game.Code, game.OwnerToken)),
            await Screen(SocketListener.ConnectAsync(app.BaseAddress, game.Code, "role=host")),
            await Screen(SocketListener.ConnectAsync(app.BaseAddress, game.Code, "session_token=" + game.OwnerToken)),
        };
        try
        {
            await game.OwnerOkAsync("play");
            foreach (var name in players[..3])
            {
                await game.PlayerOkAsync(name, "lies", new { text = $"{name}'s fib" });
            }

            foreach (var (_, log, _) in connections.Concat(screens.Select(s => (s.Who, s.Log, s.Client))))
            {
                await log.WaitForTypeAsync("phase.guess_started");
            }

            var state = await game.StateAsync();
            var all = state.Answers.Select(a => a.Id).ToHashSet();
            Assert.Equal(5, all.Count);
            foreach (var (who, log, _) in connections)
            {
                var expected = state.Answers.Where(a => !a.Authors.Contains(game.Id(who))).Select(a => a.Id).ToHashSet();
                var received = Answers(Assert.Single(log.OfType("phase.guess_started")));
                Assert.Equal(expected, received);
                if (who == "Dee")
                {
                    Assert.Equal(all, received);
                }
                else
                {
                    Assert.Equal(4, received.Count);
                }
            }

            foreach (var (_, _, log) in screens)
            {
                Assert.Equal(all, Answers(Assert.Single(log.OfType("phase.guess_started"))));
            }
        }
        finally
        {
            foreach (var client in connections.Select(c => c.Client).Concat(screens.Select(s => s.Client)))
            {
                await client.DisposeAsync();
            }
        }
    }

    private static async Task<(string, IAsyncDisposable, EventLog)> Screen(Task<HubListener> connecting)
    {
        var hub = await connecting;
        return ("screen", hub, hub.Log);
    }

    private static async Task<(string, IAsyncDisposable, EventLog)> Screen(Task<SocketListener> connecting)
    {
        var socket = await connecting;
        return ("screen", socket, socket.Log);
    }

    private static HashSet<string> Answers(JsonElement guessStarted) =>
        guessStarted.GetProperty("data").GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToHashSet();
}
