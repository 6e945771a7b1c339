using System.Text.Json;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Events;
using PartyProtocol.Tests.Web.Api;
using PartyProtocol.Tests.Web.Realtime;

namespace PartyProtocol.Tests.Web.Scaleout;

[Collection(ScaleoutCollection.Name)]
public sealed class CrossInstanceGameTests
{
    [Fact]
    public async Task AGameHostedOnOneInstanceAndPlayedThroughAnotherReachesEveryClientExactlyOnceAndInOrder()
    {
        var prefix = ScaleoutInstance.NewKeyPrefix();
        await using var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        await using var b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        using var apiA = new ApiTestClient(a.App);
        using var apiB = new ApiTestClient(b.App);

        // The host creates and runs the game on A; the scoreboard and the end come by deadline, whoever fires it.
        var host = await apiA.CreateGameAsync(new { rounds = 1, lieSeconds = 600, guessSeconds = 600, revealStepSeconds = 1, scoreboardSeconds = 1 });
        var code = host.Code;
        await using var hostSocket = await SocketListener.ConnectAsync(a.App.BaseAddress, code, "role=host");
        await using var hostHub = await HubListener.ConnectAsync(a.App.BaseAddress, code);
        await using var screenHubOnB = await HubListener.ConnectAsync(b.App.BaseAddress, code);
        const long screensFrom = 2;

        // The players join and play on B, each with a phone WebSocket there; one also has a SignalR connection.
        var players = new RestGame(apiB, b.App, code, host.OwnerToken);
        var names = new[] { "Ada", "Bo", "Cy" };
        foreach (var name in names)
        {
            await players.JoinAsync(name);
        }

        var phonesFrom = (await players.ViewAsync()).GetProperty("seq").GetInt64() + 1;
        var phones = new Dictionary<string, SocketListener>();
        foreach (var name in names)
        {
            phones[name] = await SocketListener.ConnectAsync(b.App.BaseAddress, code, "session_token=" + Uri.EscapeDataString(players.Token(name)));
        }

        await using var adaHub = await HubListener.ConnectAsync(b.App.BaseAddress, code, players.Token("Ada"));
        try
        {
            await host.OwnerOkAsync("play");
            foreach (var name in names)
            {
                await players.PlayerOkAsync(name, "lies", new { text = "Zorblax the " + name });
            }

            foreach (var name in names)
            {
                var view = await players.ViewAsync(name);
                var answer = view.GetProperty("state").GetProperty("answers")[0].GetProperty("id").GetString();
                await players.PlayerOkAsync(name, "guesses", new { answerId = answer });
            }

            var gameOver = await hostSocket.Log.WaitForTypeAsync(BluffEvents.GameOver);
            var final = gameOver.GetProperty("seq").GetInt64();
            var finalView = await host.ViewAsync();
            Assert.Equal("finished", finalView.GetProperty("status").GetString());
            Assert.Equal(final, finalView.GetProperty("seq").GetInt64());

            // Plain WebSockets, on either instance: every event from their connect on, once each, in seq order.
            AssertEveryEventOnceInOrder(hostSocket.Log, screensFrom, final);
            foreach (var (name, phone) in phones)
            {
                await phone.Log.WaitForSeqAsync(final);
                AssertEveryEventOnceInOrder(phone.Log, phonesFrom, final);
                Assert.Equal(hostSocket.Log.Events.Where(e => Seq(e) >= phonesFrom).Select(Type), phone.Log.Events.Where(e => Seq(e) >= phonesFrom).Select(Type));

                // A private payload committed on B and one on A both crossed over: nobody sees their own lie offered.
                var guessing = Assert.Single(phone.Log.OfType(BluffEvents.GuessStarted)).GetRawText();
                Assert.DoesNotContain("Zorblax the " + name, guessing, StringComparison.Ordinal);
                Assert.Contains("Zorblax the ", guessing, StringComparison.Ordinal);
            }

            // SignalR, on either instance: every event exactly once and in seq order, whichever instance committed it.
            foreach (var (hub, from) in new[] { (hostHub, screensFrom), (screenHubOnB, screensFrom), (adaHub, phonesFrom) })
            {
                await hub.Log.WaitForSeqAsync(final);
                AssertEveryEventOnceInOrder(hub.Log, from, final);
            }

            Assert.DoesNotContain(hostSocket.Log.Events, e => Type(e) == EventTypes.SessionResync);
        }
        finally
        {
            foreach (var phone in phones.Values)
            {
                await phone.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task SimultaneousSubmissionsThroughTwoInstancesAreNeitherLostNorAppliedTwice()
    {
        var prefix = ScaleoutInstance.NewKeyPrefix();
        await using var a = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        await using var b = ScaleoutInstance.Start(RedisTestServer.SharedConnectionString, prefix);
        using var apiA = new ApiTestClient(a.App);
        using var apiB = new ApiTestClient(b.App);
        var onA = await apiA.CreateGameAsync(new { rounds = 1, lieSeconds = 600, maxPlayers = 12 });
        var onB = new RestGame(apiB, b.App, onA.Code, onA.OwnerToken);
        var names = Enumerable.Range(1, 12).Select(i => "Player" + i).ToList();
        RestGame Via(int i) => i % 2 == 0 ? onA : onB;

        // Twelve joins, then twelve lies, each batch released at once and alternating between the instances.
        await AllAtOnceAsync(names.Select((name, i) => (Func<Task>)(() => Via(i).JoinAsync(name))));
        foreach (var name in names)
        {
            onA.Players[name] = onB.Players.GetValueOrDefault(name, onA.Players.GetValueOrDefault(name));
            onB.Players[name] = onA.Players[name];
        }

        Assert.Equal(12, (await onB.ViewAsync()).GetProperty("players").GetArrayLength());
        await onA.OwnerOkAsync("play");
        await AllAtOnceAsync(names.Select((name, i) => (Func<Task>)(() => Via(i).PlayerOkAsync(name, "lies", new { text = "Fib number " + i }))));

        // Every lie is in the game exactly once, and the phase moved on when the last one came in.
        var view = await onA.ViewAsync();
        Assert.Equal("guess", view.GetProperty("phase").GetString());
        var answers = view.GetProperty("state").GetProperty("answers").EnumerateArray().Select(x => x.GetProperty("text").GetString()!).ToList();
        for (var i = 0; i < 12; i++)
        {
            Assert.Single(answers, text => text.Equals("Fib number " + i, StringComparison.OrdinalIgnoreCase));
        }

        // Both instances delivered one player.joined and one submission.received per player, once each, in seq order.
        var seq = view.GetProperty("seq").GetInt64();
        foreach (var instance in new[] { a, b })
        {
            await instance.WaitForEventAsync(onA.Code, e => e.Seq == seq, what: $"seq {seq}");
            var events = instance.EventsOf(onA.Code);
            Assert.Equal(Range(1, seq), events.Select(e => e.Seq));
            Assert.Equal(12, events.Count(e => e.Type == EventTypes.PlayerJoined));
            Assert.Equal(12, events.Count(e => e.Type == BluffEvents.SubmissionReceived));
        }
    }

    private static void AssertEveryEventOnceInOrder(EventLog log, long from, long final)
    {
        var seqs = log.Events.Select(Seq).ToList();
        Assert.Equal(Range(from, final), seqs.Where(s => s >= from));
        Assert.Equal(Range(seqs[0], final), seqs);
    }

    private static async Task AllAtOnceAsync(IEnumerable<Func<Task>> calls)
    {
        using var go = new ManualResetEventSlim();
        var running = calls.Select(call => Task.Run(async () =>
        {
            go.Wait();
            await call();
        })).ToList();
        go.Set();
        await Task.WhenAll(running);
    }

    private static IEnumerable<long> Range(long from, long to) => Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i);

    private static long Seq(JsonElement e) => e.GetProperty("seq").GetInt64();

    private static string? Type(JsonElement e) => e.GetProperty("type").GetString();
}
