using System.Text.Json;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Scaleout;

namespace PartyProtocol.Tests.Web.Scaleout;

public sealed class SessionCodecTests
{
    [Fact]
    public async Task ASessionInTheMiddleOfAGameReadsBackAsTheSameTypedRecords()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { rounds = 2 }, "Ada", "Bo", "Cy");
        Assert.True((await game.PlayAsync()).IsSuccess);
        Assert.True((await game.LieAsync("Ada", "A purple walrus")).IsSuccess);
        Assert.True((await game.LieAsync("Bo", "Seven spoons")).IsSuccess);
        Assert.True((await game.LieAsync("Cy", "A lighthouse")).IsSuccess);
        var truth = await game.TruthIdAsync();
        Assert.True((await game.GuessAsync("Ada", truth)).IsSuccess);
        Assert.True((await game.ReactAsync("Bo", await game.AnswerIdAsync("A purple walrus"), "😂")).IsSuccess);
        Assert.True((await engine.Service.RemovePlayerAsync(game.Code, game.Id("Cy"), game.OwnerToken)).IsSuccess);
        var session = (await engine.Store.GetAsync(game.Code))!;
        var codec = new SessionCodec(engine.Registry);

        var decoded = codec.Decode(codec.Encode(session));

        Assert.IsType<BluffSettings>(decoded.Settings);
        Assert.Equal(session.Settings, decoded.Settings);
        var state = Assert.IsType<BluffState>(decoded.State);
        Assert.Equal(((BluffState)session.State!).Guesses, state.Guesses);
        Assert.Equal(session.Clock, decoded.Clock);
        Assert.Equal(session.Players, decoded.Players);
        Assert.Equal(session.Kicked, decoded.Kicked);
        Assert.Equal(Json(session), Json(decoded));
        Assert.Equal(codec.Encode(session), codec.Encode(decoded));

        // The stored settings and state are the cartridge's own JSON of its declared types, so instances of another
        // build (a rolling upgrade) read what this one writes.
        using var stored = JsonDocument.Parse(codec.Encode(session));
        Assert.Equal(JsonSerializer.Serialize(session.Settings, typeof(BluffSettings), GameJson.Options), stored.RootElement.GetProperty("settings").GetRawText());
        Assert.Equal(JsonSerializer.Serialize(session.State, typeof(BluffState), GameJson.Options), stored.RootElement.GetProperty("state").GetRawText());
    }

    [Fact]
    public void ASessionOfAGameThisInstanceLacksIsReportedAsUnavailableNotAsACrash()
    {
        using var engine = new TestEngine();
        var codec = new SessionCodec(engine.Registry);
        var json = """{"code":"ABCD","gameKey":"chess","version":1,"seq":1,"status":"lobby","ownerTokenHash":"x","players":[],"kicked":[],"settings":{},"clock":{"timerId":0,"duration":"00:00:00"},"seed":1,"createdAt":"2026-01-01T00:00:00Z","lastActivityAt":"2026-01-01T00:00:00Z","expiresAt":"2026-01-01T00:00:00Z"}"""u8.ToArray();

        var error = Assert.Throws<SessionStoreUnavailableException>(() => codec.Decode(json));
        Assert.Contains("chess", error.Message, StringComparison.Ordinal);
        Assert.Throws<SessionStoreUnavailableException>(() => codec.Decode("{not json"u8.ToArray()));
    }

    private static string Json(Session session) =>
        JsonSerializer.Serialize(new { session.Settings, session.State, session.Players, session.Kicked, session.Clock }, GameJson.Options);
}
