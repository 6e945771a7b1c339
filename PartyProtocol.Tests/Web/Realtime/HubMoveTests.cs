using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Api;
using static PartyProtocol.Tests.Web.Realtime.MoveReplies;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>Moves and owner controls over the hub answer like REST: the same effects, the same codes and statuses.</summary>
public sealed class HubMoveTests(PartyAppFactory app) : IClassFixture<PartyAppFactory>, IDisposable
{
    private readonly ApiTestClient _api = new(app);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task PlayersAndTheOwnerCanPlayOverTheHub()
    {
        var game = await _api.CreateGameAsync(new { lieSeconds = 600, guessSeconds = 600 }, "Ann", "Bob");
        await using var owner = await HubListener.ConnectAsync(app.BaseAddress, game.Code, game.OwnerToken);
        await using var ann = await HubListener.ConnectAsync(app.BaseAddress, game.Code, game.Token("Ann"));
        await using var bob = await HubListener.ConnectAsync(app.BaseAddress, game.Code, game.Token("Bob"));
        await using var screen = await HubListener.ConnectAsync(app.BaseAddress, game.Code);

        var played = await owner.InvokeAsync("Play");
        Assert.True(played.GetProperty("ok").GetBoolean());
        await ann.Log.WaitForSeqAsync(played.GetProperty("seq").GetInt64());

        var lied = await ann.InvokeAsync("Move", "submit_lie", new { text = "a hub-borne fib" });
        Assert.True(lied.GetProperty("ok").GetBoolean(), lied.ToString());
        Assert.True(lied.GetProperty("result").GetProperty("accepted").GetBoolean());
        await screen.Log.WaitForSeqAsync(lied.GetProperty("seq").GetInt64());
        Assert.Equal("submission.received", screen.Log.Events[^1].GetProperty("type").GetString());

        var view = await ann.InvokeAsync("GetView");
        Assert.Equal(game.Id("Ann"), view.GetProperty("result").GetProperty("you").GetProperty("playerId").GetString());
        Assert.Equal("a hub-borne fib", view.GetProperty("result").GetProperty("state").GetProperty("you").GetProperty("lie").GetString());
        var screenView = await screen.InvokeAsync("GetView");
        Assert.Equal("host", screenView.GetProperty("result").GetProperty("you").GetProperty("role").GetString());
        Assert.False(screenView.GetProperty("result").GetProperty("state").TryGetProperty("you", out _));
        Assert.Equal(lied.GetProperty("seq").GetInt64(), screenView.GetProperty("seq").GetInt64());

        var suggestions = await bob.InvokeAsync("Move", "suggest_lies", null);
        Assert.Equal(2, suggestions.GetProperty("result").GetProperty("suggestions").GetArrayLength());

        var paused = await owner.InvokeAsync("Pause");
        Assert.True(paused.GetProperty("ok").GetBoolean());
        AssertError(await bob.InvokeAsync("Move", "submit_lie", new { text = "too late" }), 409, "paused");
        Assert.True((await owner.InvokeAsync("Play")).GetProperty("ok").GetBoolean());
        var bobLied = await bob.InvokeAsync("Move", "submit_lie", new { text = "bob's hub fib" });
        Assert.True(bobLied.GetProperty("ok").GetBoolean(), bobLied.ToString());
        await screen.Log.WaitForTypeAsync("phase.guess_started");

        var exited = await owner.InvokeAsync("Exit");
        await screen.Log.WaitForSeqAsync(exited.GetProperty("seq").GetInt64());
        Assert.Equal("session.ended", screen.Log.Events[^1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task RefusedHubCallsCarryTheSameProblemAsRest()
    {
        var game = await _api.CreateGameAsync(new { lieSeconds = 600 }, "Ann", "Bob");
        await using var owner = await HubListener.ConnectAsync(app.BaseAddress, game.Code, game.OwnerToken);
        await using var ann = await HubListener.ConnectAsync(app.BaseAddress, game.Code, game.Token("Ann"));
        await using var screen = await HubListener.ConnectAsync(app.BaseAddress, game.Code);

        AssertError(await ann.InvokeAsync("Move", "submit_lie", new { text = "early" }), 409, "wrong_phase");
        AssertError(await ann.InvokeAsync("Play"), 403, "forbidden");
        AssertError(await screen.InvokeAsync("Play"), 401, "unauthorized");
        await owner.InvokeAsync("Play");
        AssertError(await screen.InvokeAsync("Move", "submit_lie", new { text = "a screen's lie" }), 401, "unauthorized");
        AssertError(await owner.InvokeAsync("Move", "submit_lie", new { text = "an owner's lie" }), 403, "forbidden");
        AssertError(await ann.InvokeAsync("Move", "teleport", null), 404, "unknown_move");
        AssertField(AssertError(await ann.InvokeAsync("Move", "submit_lie", new { text = 5 }), 400, "invalid_input"), "text");
        AssertField(AssertError(await ann.InvokeAsync("Move", "submit_lie", new { text = "x", bonus = 1 }), 400, "invalid_input"), "bonus");
        AssertField(AssertError(await ann.InvokeAsync("Move", "submit_lie", null), 400, "invalid_input"), "body");
        AssertField(AssertError(await ann.InvokeAsync("Move", "submit_lie", new { text = await game.TruthAsync() }), 422, "lie_is_truth"), "text");
        Assert.True((await ann.InvokeAsync("Move", "submit_lie", new { text = "a real fib" })).GetProperty("ok").GetBoolean());
        AssertError(await ann.InvokeAsync("Move", "submit_lie", new { text = "another" }), 409, "already_submitted");
        AssertError(await owner.InvokeAsync("Move", "mix_answers", null), 409, "phase_not_complete");
        AssertError(await ann.InvokeAsync("RemovePlayer", game.Id("Bob")), 403, "forbidden");
        Assert.Equal([game.Id("Ann")], (await game.StateAsync()).Lies.Keys);
    }
}
