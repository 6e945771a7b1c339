using System.Text.Json;
using PartyProtocol.Core.Cartridges.Quiz;
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
    public void TheDefaultsAreTenQuestionsOfTwentySecondsFromEveryCategory()
    {
        var settings = Bound(new { });

        Assert.Equal((10, 20, QuizLeaderboard.Every3, true, 1.0, 20, true),
            (settings.Questions, settings.SecondsPerQuestion, settings.Leaderboard, settings.DoublePointsLastQuestion, settings.TimerScale, settings.MaxPlayers, settings.FamilyFriendly));
        Assert.Equal(["animals", "history", "space"], settings.Categories);
    }

    [Fact]
    public void TheCategoriesAreAMultiChoiceOfThePacksAndTheLeaderboardAChoice()
    {
        var categories = Quiz.Settings.Single(s => s.Name == "categories");
        Assert.Equal(SettingType.MultiChoice, categories.Type);
        Assert.Equal(["animals", "history", "space"], categories.Options!.Select(o => o.Value));
        var leaderboard = Quiz.Settings.Single(s => s.Name == "leaderboard");
        Assert.Equal(SettingType.Choice, leaderboard.Type);
        Assert.Equal("every_3", leaderboard.Default.GetString());
    }

    [Fact]
    public void ChosenCategoriesAreKeptInTheOptionsOrder()
    {
        Assert.Equal(["animals", "space"], Bound(new { questions = 5, categories = new[] { "space", "animals" } }).Categories);
    }

    [Theory]
    [InlineData("""{ "categories": [] }""", "categories", "Choose at least one")]
    [InlineData("""{ "categories": ["animals", "cooking"] }""", "categories", "'cooking' is not one of them")]
    [InlineData("""{ "categories": ["animals", "animals"] }""", "categories", "twice")]
    [InlineData("""{ "categories": "animals" }""", "categories", "must be a list")]
    [InlineData("""{ "categories": [1] }""", "categories", "is not one of them")]
    [InlineData("""{ "leaderboard": "sometimes" }""", "leaderboard", "must be one of")]
    [InlineData("""{ "leaderboard": 3 }""", "leaderboard", "must be one of")]
    [InlineData("""{ "questions": 4 }""", "questions", "between 5 and 30")]
    [InlineData("""{ "questions": 31 }""", "questions", "between 5 and 30")]
    [InlineData("""{ "secondsPerQuestion": 121 }""", "secondsPerQuestion", "between 5 and 120")]
    [InlineData("""{ "maxPlayers": 101 }""", "maxPlayers", "between 2 and 100")]
    [InlineData("""{ "questions": 10, "categories": ["space"] }""", "questions", "Only 4 questions")]
    public void AnInvalidSettingIsRefusedNamingItsField(string json, string field, string message)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

        var bound = Quiz.BindSettings(values);

        Assert.False(bound.IsSuccess);
        Assert.Equal(ErrorCodes.InvalidInput, bound.Error!.Code);
        Assert.Contains(message, bound.Error.Errors![$"settings.{field}"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void DescribedSettingsBindBackToTheSameSettings()
    {
        var settings = Bound(new { questions = 6, categories = new[] { "history" }, leaderboard = "end_only", timerScale = 2 });

        var again = Quiz.BindSettings(Quiz.DescribeSettings(settings));

        Assert.True(again.IsSuccess);
        Assert.Equal(Quiz.DescribeSettings(settings).ToDictionary(p => p.Key, p => p.Value.GetRawText()),
            Quiz.DescribeSettings(again.Value!).ToDictionary(p => p.Key, p => p.Value.GetRawText()));
    }
}
