using System.Text.Json;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Cartridges.Bluff;

public sealed class BluffSettingsTests
{
    private static Dictionary<string, JsonElement> Raw(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    [Fact]
    public async Task ASessionWithoutSettingsGetsTheDocumentedDefaults()
    {
        using var engine = new TestEngine();
        var created = await engine.Service.CreateSessionAsync(BluffCartridge.GameKey, null).OkAsync();

        var settings = created.View.Settings.ToDictionary(s => s.Key, s => s.Value.GetRawText());
        Assert.Equal(new Dictionary<string, string>
        {
            ["rounds"] = "5",
            ["lieSeconds"] = "60",
            ["guessSeconds"] = "30",
            ["revealStepSeconds"] = "4",
            ["scoreboardSeconds"] = "8",
            ["timerScale"] = "1",
            ["maxPlayers"] = "8",
            ["familyFriendly"] = "true",
            ["language"] = "\"en\"",
        }, settings);
        Assert.Equal(8, created.View.Capacity);
        Assert.Equal(2, created.View.MinPlayers);
    }

    [Theory]
    [InlineData("rounds", "0")]
    [InlineData("rounds", "21")]
    [InlineData("rounds", "2.5")]
    [InlineData("lieSeconds", "0")]
    [InlineData("lieSeconds", "601")]
    [InlineData("guessSeconds", "0")]
    [InlineData("guessSeconds", "-5")]
    [InlineData("revealStepSeconds", "0")]
    [InlineData("revealStepSeconds", "61")]
    [InlineData("scoreboardSeconds", "0")]
    [InlineData("scoreboardSeconds", "121")]
    [InlineData("timerScale", "0")]
    [InlineData("timerScale", "1.25")]
    [InlineData("timerScale", "3")]
    [InlineData("maxPlayers", "1")]
    [InlineData("maxPlayers", "13")]
    [InlineData("familyFriendly", "1")]
    public async Task AnOutOfBoundsSettingIsRefusedNamingTheField(string name, string value)
    {
        using var engine = new TestEngine();

        var error = await engine.Service.CreateSessionAsync(BluffCartridge.GameKey, Raw($$"""{ "{{name}}": {{value}} }"""))
            .RefusedAsync(ErrorCodes.InvalidInput);

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        var field = Assert.Single(error.Errors!);
        Assert.Equal("settings." + name, field.Key);
        Assert.Contains(name, field.Value[0], StringComparison.Ordinal);
        Assert.Equal(0, engine.Store.Count);
    }

    [Theory]
    [InlineData("rounds", "\"5\"")]
    [InlineData("lieSeconds", "true")]
    [InlineData("timerScale", "\"1.5\"")]
    [InlineData("maxPlayers", "null")]
    [InlineData("familyFriendly", "\"true\"")]
    [InlineData("guessSeconds", "[30]")]
    [InlineData("scoreboardSeconds", "{ \"seconds\": 8 }")]
    public async Task ASettingOfTheWrongJsonTypeIsRefusedNamingTheField(string name, string value)
    {
        using var engine = new TestEngine();

        var error = await engine.Service.CreateSessionAsync(BluffCartridge.GameKey, Raw($$"""{ "{{name}}": {{value}} }"""))
            .RefusedAsync(ErrorCodes.InvalidInput);

        Assert.Equal(new[] { "settings." + name }, error.Errors!.Keys);
    }

    [Fact]
    public async Task AnUnknownSettingIsRefusedNamingIt()
    {
        using var engine = new TestEngine();

        var error = await engine.Service.CreateSessionAsync(BluffCartridge.GameKey, Raw("""{ "rounds": 3, "skipAllowed": true }"""))
            .RefusedAsync(ErrorCodes.InvalidInput);

        Assert.Equal(new[] { "settings.skipAllowed" }, error.Errors!.Keys);
        Assert.Contains("skipAllowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryBadSettingIsReportedAtOnce()
    {
        using var engine = new TestEngine();

        var error = await engine.Service.CreateSessionAsync(BluffCartridge.GameKey, Raw("""{ "rounds": 0, "timerScale": 4, "maxPlayers": 40 }"""))
            .RefusedAsync(ErrorCodes.InvalidInput);

        Assert.Equal(new[] { "settings.maxPlayers", "settings.rounds", "settings.timerScale" }, error.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1.5)]
    [InlineData(2)]
    public void TheTimerScaleAcceptsOnlyOneOneAndAHalfAndTwo(double scale)
    {
        var cartridge = new BluffCartridge(new QuestionBankBuilder().WithQuestions(5).Build());

        var bound = cartridge.BindSettings(Raw($$"""{ "timerScale": {{scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}} }"""));

        Assert.True(bound.IsSuccess);
        Assert.Equal(scale, ((BluffSettings)bound.Value).TimerScale);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(12)]
    public async Task MaxPlayersAcceptsTwoToTwelveSeats(int seats)
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { maxPlayers = seats });

        for (var i = 1; i <= seats; i++)
        {
            await game.JoinAsync("Player " + i);
        }

        Assert.Equal(seats, (await game.ViewAsync()).Capacity);
        await engine.Service.JoinAsync(game.Code, "One too many", null).RefusedAsync(ErrorCodes.RoomFull);
    }

    [Fact]
    public async Task EveryDurationAcceptsOneSecond()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { lieSeconds = 1, guessSeconds = 1, revealStepSeconds = 1, scoreboardSeconds = 1 }, "Ann", "Bob");

        await game.PlayAsync().OkAsync();

        Assert.Equal(1000, (await game.ViewAsync()).Clock!.DurationMs);
        engine.Time.Advance(TimeSpan.FromSeconds(1));
        await game.WaitForPhaseAsync(BluffPhases.Guess);
        Assert.Equal(1000, (await game.ViewAsync()).Clock!.DurationMs);
    }

    [Fact]
    public async Task MoreRoundsThanTheQuestionsAvailableIsRefusedNamingRounds()
    {
        using var engine = new TestEngine(new QuestionBankBuilder().WithQuestions(3).WithQuestions(2, prefix: "adult", familyFriendly: false).Build());

        var error = await engine.Service.CreateSessionAsync(BluffCartridge.GameKey, Raw("""{ "rounds": 4 }""")).RefusedAsync(ErrorCodes.InvalidInput);
        await engine.Service.CreateSessionAsync(BluffCartridge.GameKey, Raw("""{ "rounds": 5, "familyFriendly": false }""")).OkAsync();

        Assert.Equal(new[] { "settings.rounds" }, error.Errors!.Keys);
    }

    [Theory]
    [InlineData(1, new[] { 3 })]
    [InlineData(2, new[] { 1, 3 })]
    [InlineData(3, new[] { 1, 2, 3 })]
    [InlineData(4, new[] { 1, 1, 2, 3 })]
    [InlineData(5, new[] { 1, 1, 2, 2, 3 })]
    [InlineData(6, new[] { 1, 1, 1, 2, 2, 3 })]
    public void TheRoundMultiplierEscalatesToThreeInTheFinalRound(int rounds, int[] expected)
    {
        var settings = new BluffSettings(Rounds: rounds);

        Assert.Equal(expected, Enumerable.Range(1, rounds).Select(settings.MultiplierFor));
    }

    [Fact]
    public async Task EachRoundAnnouncesItsMultiplier()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new { rounds = 3, lieSeconds = 1, guessSeconds = 1, revealStepSeconds = 1, scoreboardSeconds = 1 }, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        // Nobody moves: each round is a 1 s lie phase, a 1 s guess phase, 1 s showing the truth and 1 s of scoreboard.
        await game.AdvanceUntilAsync(s => s.Phase == BluffPhases.GameOver, TimeSpan.FromSeconds(1), "game over");

        var announced = engine.EventsOf(game.Code).Where(e => e.Type == BluffEvents.LieStarted)
            .Select(e => JsonSerializer.SerializeToElement(e.Data, GameJson.Options).GetProperty("multiplier").GetInt32());
        Assert.Equal(new[] { 1, 2, 3 }, announced);
    }

    [Fact]
    public async Task TheTimerScaleStretchesEveryTimer()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(new
        {
            rounds = 1,
            lieSeconds = 10,
            guessSeconds = 20,
            revealStepSeconds = 2,
            scoreboardSeconds = 4,
            timerScale = 1.5,
        }, "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        // Each phase lasts its setting × 1.5, and ends exactly then: one millisecond earlier it is still running.
        foreach (var (phase, seconds, next) in new[]
        {
            (BluffPhases.Lie, 15.0, BluffPhases.Guess),
            (BluffPhases.Guess, 30.0, BluffPhases.Reveal),
            (BluffPhases.Reveal, 3.0, BluffPhases.Reveal),
            (BluffPhases.Reveal, 3.0, BluffPhases.Scoreboard),
            (BluffPhases.Scoreboard, 6.0, BluffPhases.GameOver),
        })
        {
            var view = await game.ViewAsync();
            Assert.Equal(phase, view.Phase);
            Assert.Equal((long)(seconds * 1000), view.Clock!.DurationMs);
            var revealedBefore = (await game.StateAsync()).Revealed;
            engine.Time.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1));
            var almost = await game.StateAsync();
            Assert.Equal((phase, revealedBefore), (almost.Phase, almost.Revealed));
            engine.Time.Advance(TimeSpan.FromMilliseconds(1));
            if (next == BluffPhases.Guess)
            {
                // Nobody lied, so the answers are the truth and two house decoys. Ann picks a decoy and Bob runs out of
                // time, which makes a two-step reveal: the decoy, then the truth.
                var guess = await game.WaitForPhaseAsync(next);
                await game.GuessAsync("Ann", guess.Answers.First(a => a.Kind == AnswerKind.House).Id).OkAsync();
            }
            else if (next == phase)
            {
                await game.WaitForStateAsync(s => s.Revealed > revealedBefore, "the next reveal step");
            }
            else
            {
                await game.WaitForPhaseAsync(next);
            }
        }
    }
}
