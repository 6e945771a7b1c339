using System.Text.Json;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Tests.Core.Cartridges.Quiz;

public sealed class QuizContentTests
{
    [Fact]
    public void AtLeastTwoHundredQuestionsShipInAtLeastEightCategoriesEachWithASource()
    {
        var library = QuizContent.Load();

        Assert.True(library.Count >= 200, $"Only {library.Count} Quiz questions ship.");
        Assert.True(library.Packs.Select(p => p.Pack).Distinct().Count() >= 8);
        Assert.All(library.Questions, q =>
        {
            Assert.False(string.IsNullOrWhiteSpace(q.Source), $"{q.Id} has no source.");
            Assert.InRange(q.Choices.Count, 2, 4);
            Assert.InRange(q.Correct, 0, q.Choices.Count - 1);
        });
    }

    [Theory]
    [InlineData("""{ "id": "x-1", "category": "T", "text": "Which?", "choices": ["only one"], "correct": 0, "familyFriendly": true, "source": "s" }""", "'choices'")]
    [InlineData("""{ "id": "x-1", "category": "T", "text": "Which?", "choices": ["a", "b", "c", "d", "e"], "correct": 0, "familyFriendly": true, "source": "s" }""", "'choices'")]
    [InlineData("""{ "id": "x-1", "category": "T", "text": "Which?", "choices": ["Paris", "paris!"], "correct": 0, "familyFriendly": true, "source": "s" }""", "'decoys'")]
    [InlineData("""{ "id": "x-1", "category": "T", "text": "Which?", "choices": ["a1", "b1"], "correct": 2, "familyFriendly": true, "source": "s" }""", "'correct'")]
    [InlineData("""{ "id": "x-1", "category": "T", "text": "Which?", "choices": ["a1", "b1"], "familyFriendly": true, "source": "s" }""", "correct")]
    [InlineData("""{ "id": "x-1", "category": "T", "text": "Is Paris the capital?", "choices": ["Paris", "Lyon"], "correct": 0, "familyFriendly": true, "source": "s" }""", "gives an answer away")]
    [InlineData("""{ "id": "x-1", "category": "T", "text": "Which?", "choices": ["a1", "b1"], "correct": 0, "familyFriendly": true, "source": "s", "timeLimitSeconds": 3 }""", "'timeLimitSeconds'")]
    [InlineData("""{ "id": "x-1", "category": "T", "text": "Which?", "choices": ["a1", "b1"], "correct": 0, "familyFriendly": true }""", "'source'")]
    public void AMalformedQuizQuestionIsRefusedNamingTheField(string question, string expected)
    {
        var pack = $$"""{ "game": "quiz", "pack": "t", "name": "T", "language": "en", "questions": [ {{question}} ] }""";

        var error = Assert.Throws<QuestionPackException>(() => new QuestionLibrary<QuizQuestion>(QuizQuestionFormat.Instance, [("t.json", pack)]));

        Assert.StartsWith("t.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABluffPackIsNotReadAsAQuizPack()
    {
        var bluff = """{ "game": "bluff", "pack": "t", "name": "T", "language": "en", "questions": [] }""";

        var error = Assert.Throws<QuestionPackException>(() => new QuestionLibrary<QuizQuestion>(QuizQuestionFormat.Instance, [("t.json", bluff)]));

        Assert.Contains("is a pack for 'bluff'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuizPacksInTheExtraFolderAreLoadedByGameAndBluffsAreLeftToBluff()
    {
        var folder = Directory.CreateTempSubdirectory("partyprotocol-quiz-packs-");
        try
        {
            var shipped = QuizContent.Load().Count;
            var extra = new { game = "quiz", pack = "extra", name = "Extra", language = "en", questions = new[]
            {
                new { id = "extra-1", category = "Extra", text = "Which is the extra answer?", choices = new[] { "yes one", "no one" }, correct = 0, familyFriendly = true, source = "Test" },
            } };
            File.WriteAllText(Path.Combine(folder.FullName, "extra.json"), JsonSerializer.Serialize(extra, GameJson.Options));
            Directory.CreateDirectory(Path.Combine(folder.FullName, "quiz"));
            File.WriteAllText(Path.Combine(folder.FullName, "quiz", "more.json"),
                JsonSerializer.Serialize(extra with { pack = "more", questions = [extra.questions[0] with { id = "more-1", text = "Which one is more?", choices = ["more yes", "more no"] }] }, GameJson.Options));
            File.WriteAllText(Path.Combine(folder.FullName, "bluffy.json"), """{ "game": "bluff", "pack": "b", "name": "B", "language": "en", "questions": [] }""");

            var library = QuizContent.Load(folder.FullName);

            Assert.Equal(shipped + 2, library.Count);
            Assert.NotNull(library.Find("extra-1"));
            Assert.NotNull(library.Find("more-1"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
