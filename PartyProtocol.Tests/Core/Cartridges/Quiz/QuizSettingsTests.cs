using System.Text.Json;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Cartridges.Quiz;

public sealed class QuizSettingsTests
{
    private static readonly QuizCartridge Quiz = new(new QuizPackBuilder().WithQuestions(8, "animals").WithQuestions(8, "history").WithQuestions(4, "space").Build());

    private static Result<object> Bind(object values) => Quiz.BindSettings(TestEngine.Settings(values));

    private static QuizSettings Bound(object values)
    {
        var bound = Bind(values);
        Assert.True(bound.IsSuccess, bound.Error?.Message);
        return (QuizSettings)bound.Value;
    }

    [Fact]
    public void TheDefaultsAreTenQuestionsOfTwentySecondsFromEveryPack()
    {
        var settings = Bound(new { });

        Assert.Equal((10, 20, QuizLeaderboard.Every3, true, 1.0, 20, true),
            (settings.Questions, settings.SecondsPerQuestion, settings.Leaderboard, settings.DoublePointsLastQuestion, settings.TimerScale, settings.MaxPlayers, settings.FamilyFriendly));
        Assert.Null(settings.Deck.Packs);
        Assert.Equal((null, 0), Quiz.ChosenQuestions(settings));
    }

    [Fact]
    public void ThePacksAreChosenBesideTheSettingsAndTheLeaderboardIsAChoice()
    {
        Assert.DoesNotContain(Quiz.Settings, s => s.Name is "categories" or "packs");
        Assert.Equal(["animals", "history", "space"], Quiz.Library.Packs.Select(p => p.Pack));
        var leaderboard = Quiz.Settings.Single(s => s.Name == "leaderboard");
        Assert.Equal(SettingType.Choice, leaderboard.Type);
        Assert.Equal("every_3", leaderboard.Default.GetString());
    }

    [Fact]
    public void ChosenPacksAreKeptOnceEach()
    {
        var chosen = Quiz.WithQuestions(Bound(new { questions = 5 }), new QuestionChoice(["space", "animals", "space"], []));

        Assert.True(chosen.IsSuccess, chosen.Error?.Message);
        Assert.Equal(["space", "animals"], ((QuizSettings)chosen.Value).Deck.Packs);
    }

    [Theory]
    [InlineData("""{ "leaderboard": "sometimes" }""", "leaderboard", "must be one of")]
    [InlineData("""{ "leaderboard": 3 }""", "leaderboard", "must be one of")]
    [InlineData("""{ "questions": 4 }""", "questions", "between 5 and 30")]
    [InlineData("""{ "questions": 31 }""", "questions", "between 5 and 30")]
    [InlineData("""{ "secondsPerQuestion": 121 }""", "secondsPerQuestion", "between 5 and 120")]
    [InlineData("""{ "maxPlayers": 101 }""", "maxPlayers", "between 2 and 100")]
    [InlineData("""{ "categories": ["animals"] }""", "categories", "is not a setting of Quiz")]
    public void AnInvalidSettingIsRefusedNamingItsField(string json, string field, string message)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

        var bound = Quiz.BindSettings(values);

        Assert.False(bound.IsSuccess);
        Assert.Equal(ErrorCodes.InvalidInput, bound.Error!.Code);
        Assert.Contains(message, bound.Error.Errors![$"settings.{field}"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void MoreQuestionsThanTheChosenPacksHoldIsRefusedOnTheQuestionsSetting()
    {
        var chosen = Quiz.WithQuestions(Bound(new { questions = 10 }), new QuestionChoice(["space"], []));

        Assert.False(chosen.IsSuccess);
        Assert.Contains("Only 4 questions", chosen.Error!.Errors!["settings.questions"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void APackTheGameDoesNotHaveIsRefusedOnPacks()
    {
        var chosen = Quiz.WithQuestions(Bound(new { questions = 5 }), new QuestionChoice(["animals", "cooking"], []));

        Assert.False(chosen.IsSuccess);
        Assert.Contains("'cooking'", chosen.Error!.Errors!["packs"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void DescribedSettingsBindBackToTheSameSettings()
    {
        var settings = Bound(new { questions = 6, leaderboard = "end_only", timerScale = 2 });

        var again = Quiz.BindSettings(Quiz.DescribeSettings(settings));

        Assert.True(again.IsSuccess);
        Assert.Equal(Quiz.DescribeSettings(settings).ToDictionary(p => p.Key, p => p.Value.GetRawText()),
            Quiz.DescribeSettings(again.Value!).ToDictionary(p => p.Key, p => p.Value.GetRawText()));
    }

    [Fact]
    public void ASettingsRecordIsDescribedOnceAndAChangedOneAnew()
    {
        var settings = Bound(new { questions = 6 });

        Assert.Same(Quiz.DescribeSettings(settings), Quiz.DescribeSettings(settings));
        Assert.Equal(7, Quiz.DescribeSettings(settings with { Questions = 7 })["questions"].GetInt32());
        Assert.Equal(6, Quiz.DescribeSettings(settings)["questions"].GetInt32());
    }

    [Fact]
    public void EachChoiceOfPacksKeepsItsOwnCountOnOneCartridge()
    {
        var five = Bound(new { questions = 5 });

        // In turns, twice: the cartridge remembers each choice's questions, and never one choice's for another.
        for (var turn = 0; turn < 2; turn++)
        {
            Assert.False(Quiz.WithQuestions(five, new QuestionChoice(["space"], [])).IsSuccess);
            Assert.True(Quiz.WithQuestions(five, new QuestionChoice(["animals"], [])).IsSuccess);
            Assert.True(Quiz.WithQuestions(five, new QuestionChoice(["space", "history"], [])).IsSuccess);
        }
    }
}
