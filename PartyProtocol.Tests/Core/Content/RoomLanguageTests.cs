using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Tests.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Content;

/// <summary>A room plays the questions of its language, and judges a lie by that language's rules.</summary>
public sealed class RoomLanguageTests
{
    private static TestEngine TwoLanguageEngine() => new(new QuestionBankBuilder().WithQuestions(6, "en")
        .BuildWith(new QuestionBankBuilder().InLanguage("da")
            .With(new QuestionBuilder("da1")
                .WithText("Danmarks næststørste by hed i gamle dage også <BLANK>.")
                .WithTruth("Århus")
                .WithDecoys("Viborg", "Ribe", "Odense", "Roskilde"))
            .With(new QuestionBuilder("da2")
                .WithText("Forfatteren til Det lille barn hed <BLANK> til fornavn.")
                .WithTruth("Søren")
                .WithDecoys("Knud", "Frede", "Holger", "Svend"))));

    [Fact]
    public async Task ADanishRoomDrawsOnlyDanishQuestionsAndAnEnglishRoomOnlyEnglishOnes()
    {
        using var engine = TwoLanguageEngine();

        var danish = await engine.CreateAsync(new { rounds = 2, language = "da" }, "Ann", "Bob");
        await danish.PlayAsync().OkAsync();
        var english = await engine.CreateAsync(new { rounds = 2 }, "Ann", "Bob");
        await english.PlayAsync().OkAsync();

        Assert.StartsWith("da", (await danish.StateAsync()).Question.Id, StringComparison.Ordinal);
        Assert.StartsWith("en", (await english.StateAsync()).Question.Id, StringComparison.Ordinal);
        Assert.Equal("Skriv en løgn, der passer i hullet – så god, at den narrer alle.", Assert.Single(engine.EventsOf(danish.Code).Select(e => e.Data).OfType<LieStarted>()).Prompt);
    }

    [Fact]
    public async Task ADanishRoomCannotHaveMoreRoundsThanItsLanguageHasQuestions()
    {
        using var engine = TwoLanguageEngine();

        var refused = await engine.Service.CreateSessionAsync(BluffCartridge.GameKey, TestEngine.Settings(new { rounds = 3, language = "da" }));

        Assert.Equal(ErrorCodes.InvalidInput, refused.Error!.Code);
        Assert.Contains("Only 2 questions", string.Concat(refused.Error.Errors!.Values.SelectMany(v => v)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Aarhus", "da1")]
    [InlineData("AARHUS", "da1")]
    [InlineData("Soeren", "da2")]
    [InlineData("søren", "da2")]
    public async Task InADanishRoomALieSpelledTheDanishWayWithoutÆØÅIsTheTruth(string lie, string question)
    {
        using var engine = TwoLanguageEngine();
        var game = await engine.CreateAsync(new { rounds = 2, language = "da" }, "Ann", "Bob");
        await game.PlayAsync().OkAsync();
        if ((await game.StateAsync()).Question.Id != question)
        {
            await game.LieAsync("Ann", "Viborg").OkAsync();
            await game.LieAsync("Bob", "Ribe").OkAsync();
            await game.WaitForPhaseAsync(BluffPhases.Guess);
            await game.GuessAsync("Ann", await game.TruthIdAsync()).OkAsync();
            await game.GuessAsync("Bob", await game.TruthIdAsync()).OkAsync();
            await game.RevealToScoreboardAsync(TimeSpan.FromSeconds(5));
            await game.OwnerMoveAsync("start_round").OkAsync();
        }

        Assert.Equal(question, (await game.StateAsync()).Question.Id);
        await game.LieAsync("Ann", lie).RefusedAsync(BluffErrors.LieIsTruth);
    }

    [Fact]
    public void EnglishRulesKeepØAndÆApartFromOeAndAeWhileDanishOnesJoinThem()
    {
        Assert.NotEqual(AnswerText.Key("Søren"), AnswerText.Key("Soeren"));
        Assert.Equal(AnswerText.Key("Søren", "da"), AnswerText.Key("Soeren", "da"));
        Assert.Equal(AnswerText.Key("Ærø", "da"), AnswerText.Key("aeroe", "da"));
        Assert.Equal(AnswerText.Key("Ålborg", "da"), AnswerText.Key("Aalborg", "da"));
        Assert.NotEqual(AnswerText.Key("Ålborg", "en"), AnswerText.Key("Aalborg", "en"));
        // Still one answer in both: case, accents and punctuation never count.
        Assert.Equal(AnswerText.Key("Saint-Rémy", "da"), AnswerText.Key("saint remy", "da"));
    }

    [Fact]
    public void TheShippedDanishPacksShareTheEnglishPacksKeysWhereTheyCoverTheSameGround()
    {
        var bluff = BluffContent.Load();
        var quiz = QuizContent.Load();

        var danishBluff = bluff.Entries.Where(e => e.Pack.Language == "da").ToList();
        Assert.True(danishBluff.Count >= 80, $"Only {danishBluff.Count} Danish Bluff questions ship.");
        Assert.True(quiz.Entries.Count(e => e.Pack.Language == "da") >= 80);
        var englishKeys = bluff.Packs.Concat(quiz.Packs).Where(p => p.Language == "en").Select(p => p.Pack).ToHashSet();
        Assert.All(bluff.Packs.Concat(quiz.Packs).Where(p => p.Language == "da" && p.Pack != "denmark"),
            p => Assert.Contains(p.Pack, englishKeys));
    }

    [Fact]
    public void BothGamesDeclareTheRoomLanguageEnglishFirst()
    {
        foreach (var settings in new[] { BluffSettings.Definitions, new QuizCartridge(QuizContent.Load()).Settings })
        {
            var language = settings.Single(s => s.Name == "language");
            Assert.Equal(["en", "da"], language.Options!.Select(o => o.Value));
            Assert.Equal("en", language.Default.GetString());
        }
    }

    [Fact]
    public async Task ADanishQuizDrawsOnlyDanishQuestions()
    {
        using var engine = new TestEngine(moreGames: [new QuizCartridge(QuizContent.Load())]);
        var game = await engine.CreateGameAsync(QuizCartridge.GameKey, new { questions = 30, language = "da" }, "Ann");
        await game.PlayAsync().OkAsync();

        var state = await game.StateOf<QuizState>();
        var quiz = QuizContent.Load();
        Assert.All(state.QuestionIds, id => Assert.Equal("da", quiz.Entry(id)!.Pack.Language));
    }
}
