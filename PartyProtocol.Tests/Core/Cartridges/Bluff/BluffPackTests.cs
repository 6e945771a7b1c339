using System.Text.Json;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Content;
using PartyProtocol.Tests.Infrastructure;

namespace PartyProtocol.Tests.Core.Cartridges.Bluff;

public sealed class BluffPackTests
{
    private const string GoodQuestion = """
        { "id": "ok-1", "category": "Test", "text": "The answer is <BLANK>.", "truth": "yes",
          "alternates": ["yep"], "decoys": ["no", "maybe"], "familyFriendly": true, "source": "Test reference" }
        """;

    /// <summary>A pack whose first question is fine and whose second is <paramref name="question"/>.</summary>
    private static string Pack(string question) =>
        $$"""{ "game": "bluff", "pack": "bad", "name": "Bad pack", "language": "en", "questions": [ {{GoodQuestion}}, {{question}} ] }""";

    private static QuestionLibrary<BluffQuestion> Library(params (string File, string Json)[] files) =>
        new(BluffQuestionFormat.Instance, files, requireSource: false);

    private static IEnumerable<JsonElement> ShippedQuestionsAsWritten()
    {
        var assembly = typeof(BluffContent).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("PartyProtocol.Core.Cartridges/Bluff/Packs/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var document = JsonDocument.Parse(stream);
            foreach (var question in document.RootElement.GetProperty("questions").EnumerateArray())
            {
                yield return question.Clone();
            }
        }
    }

    [Fact]
    public void TheShippedPacksHoldAtLeast120QuestionsAcrossAtLeastEightCategories()
    {
        var bank = BluffContent.Load();

        Assert.True(bank.Count >= 120, $"Only {bank.Count} questions ship.");
        Assert.True(bank.Categories.Count() >= 8, $"Only {bank.Categories.Count()} categories ship.");
        Assert.Equal(bank.Count, bank.Questions.Select(q => q.Id).Distinct().Count());
        Assert.Equal(bank.Count, ShippedQuestionsAsWritten().Count());
    }

    [Fact]
    public void EveryShippedQuestionHasOneBlankAtLeastTwoDecoysAndAFamilyFlag()
    {
        Assert.All(ShippedQuestionsAsWritten(), question =>
        {
            var id = question.GetProperty("id").GetString();
            Assert.True(question.GetProperty("text").GetString()!.Split(BluffQuestion.Blank).Length == 2, $"{id}: not exactly one blank");
            Assert.True(question.GetProperty("decoys").GetArrayLength() >= 2, $"{id}: fewer than two decoys");
            Assert.True(question.TryGetProperty("familyFriendly", out var flag) && flag.ValueKind is JsonValueKind.True or JsonValueKind.False,
                $"{id}: no familyFriendly flag");
            Assert.False(string.IsNullOrWhiteSpace(question.GetProperty("truth").GetString()), $"{id}: no truth");
            Assert.False(string.IsNullOrWhiteSpace(question.GetProperty("category").GetString()), $"{id}: no category");
        });
    }

    [Fact]
    public void TheFamilyFriendlyQuestionsAreEnoughForTheLongestGame()
    {
        var longest = (int)BluffSettings.Definitions.Single(d => d.Name == "rounds").Max!;

        Assert.True(BluffContent.Load().Questions.Count(q => q.FamilyFriendly) >= longest);
    }

    [Theory]
    [InlineData("""{ "id": "x-2", "category": "Test", "text": "No blank here.", "truth": "yes", "alternates": [], "decoys": ["no", "maybe"], "familyFriendly": true }""", "'x-2'", "'text'")]
    [InlineData("""{ "id": "x-2", "category": "Test", "text": "<BLANK> and <BLANK>", "truth": "yes", "alternates": [], "decoys": ["no", "maybe"], "familyFriendly": true }""", "'x-2'", "'text'")]
    [InlineData("""{ "id": "x-2", "category": "Test", "text": "Is <BLANK>.", "alternates": [], "decoys": ["no", "maybe"], "familyFriendly": true }""", "'x-2'", "'truth'")]
    [InlineData("""{ "id": "x-2", "category": "Test", "text": "Is <BLANK>.", "truth": "a truth that is far too long to ever fit on a phone screen at all", "alternates": [], "decoys": ["no", "maybe"], "familyFriendly": true }""", "'x-2'", "'truth'")]
    [InlineData("""{ "id": "x-2", "category": "Test", "text": "Is <BLANK>.", "truth": "yes", "decoys": ["no", "maybe"], "familyFriendly": true }""", "'x-2'", "'alternates'")]
    [InlineData("""{ "id": "x-2", "category": "Test", "text": "Is <BLANK>.", "truth": "yes", "alternates": [], "decoys": ["no"], "familyFriendly": true }""", "'x-2'", "'decoys'")]
    [InlineData("""{ "id": "x-2", "category": "Test", "text": "Is <BLANK>.", "truth": "yes", "alternates": [], "decoys": ["no", "YES!"], "familyFriendly": true }""", "'x-2'", "'decoys'")]
    [InlineData("""{ "id": "x-2", "category": "Test", "text": "Is <BLANK>.", "truth": "yes", "alternates": ["yup"], "decoys": ["no", "Yup"], "familyFriendly": true }""", "'x-2'", "'decoys'")]
    [InlineData("""{ "id": "x-2", "category": "Test", "text": "Is <BLANK>.", "truth": "yes", "alternates": [], "decoys": ["no", "No."], "familyFriendly": true }""", "'x-2'", "'decoys'")]
    [InlineData("""{ "id": "x-2", "category": "Test", "text": "Is <BLANK>.", "truth": "yes", "alternates": [], "decoys": ["no", " "], "familyFriendly": true }""", "'x-2'", "'decoys'")]
    [InlineData("""{ "id": "x-2", "text": "Is <BLANK>.", "truth": "yes", "alternates": [], "decoys": ["no", "maybe"], "familyFriendly": true }""", "'x-2'", "'category'")]
    [InlineData("""{ "category": "Test", "text": "Is <BLANK>.", "truth": "yes", "alternates": [], "decoys": ["no", "maybe"], "familyFriendly": true }""", "question #2", "'id'")]
    [InlineData("""{ "id": "x-2", "category": "Test", "text": "Is <BLANK>.", "truth": "?!", "alternates": [], "decoys": ["no", "maybe"], "familyFriendly": true }""", "'x-2'", "'truth'")]
    [InlineData("""{ "id": "x-2", "category": "Test", "text": "Is <BLANK>.", "truth": "yes", "alternates": ["yep", "..."], "decoys": ["no", "maybe"], "familyFriendly": true }""", "'x-2'", "'alternates'")]
    [InlineData("""{ "id": "x-2", "category": "Test", "text": "Is <BLANK>.", "truth": "yes", "alternates": [], "decoys": ["no", "—"], "familyFriendly": true }""", "'x-2'", "'decoys'")]
    [InlineData("""{ "id": "x-2", "category": "Test", "text": "Is <BLANK>.", "truth": "yes", "alternates": [], "decoys": ["no", "maybe"] }""", "questions[1]", "familyFriendly")]
    [InlineData("""{ "id": "x-2", "category": "Test", "text": "Is <BLANK>.", "truth": "yes", "alternates": [], "decoys": ["no", "maybe"], "familyFriendly": "yes" }""", "questions[1]", "familyFriendly")]
    [InlineData("""{ "id": "x-2", "category": "Test", "text": "Is <BLANK>.", "truth": "yes", "alternates": [], "decoys": ["no", "maybe"], "familyFriendly": true, "difficulty": 3 }""", "questions[1]", "difficulty")]
    public void AMalformedQuestionIsRejectedNamingTheFileTheQuestionAndTheField(string question, string where, string field)
    {
        var error = Assert.Throws<QuestionPackException>(() => Library(("bad.json", Pack(question))));

        Assert.StartsWith("bad.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{ "pack": "bad", "name": "Bad pack", "questions": [ """)]
    [InlineData("""{ "pack": "bad", "name": "Bad pack" }""")]
    [InlineData("""[]""")]
    public void AFileThatIsNotAPackIsRejectedNamingTheFile(string json)
    {
        var error = Assert.Throws<QuestionPackException>(() => Library(("bad.json", json)));

        Assert.StartsWith("bad.json: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIdUsedInTwoPacksIsRejectedNamingBothFiles()
    {
        var pack = $$"""{ "pack": "p", "name": "P", "language": "en", "questions": [ {{GoodQuestion}} ] }""";

        var error = Assert.Throws<QuestionPackException>(() => Library(("first.json", pack), ("second.json", pack)));

        Assert.Contains("second.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("first.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ok-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'id'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABankWithoutQuestionsIsRejected()
    {
        Assert.Throws<QuestionPackException>(() => Library());
        Assert.Throws<QuestionPackException>(() => Library(("empty.json", """{ "pack": "e", "name": "E", "language": "en", "questions": [] }""")));
    }

    [Fact]
    public void ExtraPacksInAFolderAreLoadedBesideTheShippedOnesAndABadOneIsNamed()
    {
        var folder = Directory.CreateTempSubdirectory("partyprotocol-packs-");
        try
        {
            var shipped = BluffContent.Load().Count;
            File.WriteAllText(Path.Combine(folder.FullName, "extra.json"), new QuestionBankBuilder().WithQuestions(3, prefix: "extra").ToPackJson());

            Assert.Equal(shipped + 3, BluffContent.Load(folder.FullName).Count);

            File.WriteAllText(Path.Combine(folder.FullName, "broken.json"), Pack("""{ "id": "b-1" }"""));
            var error = Assert.Throws<QuestionPackException>(() => BluffContent.Load(folder.FullName));
            Assert.StartsWith("broken.json: ", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task NoQuestionRepeatsWithinASession()
    {
        // Six questions for six rounds: a repeat anywhere would leave one of them unserved.
        using var small = new TestEngine(new QuestionBankBuilder().WithQuestions(6).Build());
        var served = await PlayAndListQuestionsAsync(small, rounds: 6);
        Assert.Equal(new[] { "q1", "q2", "q3", "q4", "q5", "q6" }, served.Order(StringComparer.Ordinal));

        using var shipped = new TestEngine();
        served = await PlayAndListQuestionsAsync(shipped, rounds: 20, familyFriendly: false);
        Assert.Equal(20, served.Distinct().Count());
    }

    [Fact]
    public async Task FamilyFriendlyGamesNeverServeAQuestionThatIsNot()
    {
        var bank = new QuestionBankBuilder().WithQuestions(4, prefix: "family").WithQuestions(4, prefix: "adult", familyFriendly: false).Build();
        for (var game = 0; game < 5; game++)
        {
            using var engine = new TestEngine(bank);
            var served = await PlayAndListQuestionsAsync(engine, rounds: 4);
            Assert.Equal(new[] { "family1", "family2", "family3", "family4" }, served.Order(StringComparer.Ordinal));
        }

        using var everything = new TestEngine(bank);
        var all = await PlayAndListQuestionsAsync(everything, rounds: 8, familyFriendly: false);
        Assert.Equal(8, all.Distinct().Count());

        using var shipped = new TestEngine();
        var family = shipped.Questions.Questions.Where(q => q.FamilyFriendly).Select(q => q.Id).ToHashSet();
        Assert.All(await PlayAndListQuestionsAsync(shipped, rounds: 20), id => Assert.Contains(id, family));
    }

    /// <summary>Plays a whole game in which nobody moves and returns the id of every round's question, as the screens were shown it.</summary>
    private static async Task<List<string>> PlayAndListQuestionsAsync(TestEngine engine, int rounds, bool familyFriendly = true)
    {
        var game = await engine.CreateAsync(new { rounds, familyFriendly, lieSeconds = 1, guessSeconds = 1, revealStepSeconds = 1, scoreboardSeconds = 1 },
            "Ann", "Bob");
        await game.PlayAsync().OkAsync();

        var final = await game.AdvanceUntilAsync(s => s.Phase == BluffPhases.GameOver, TimeSpan.FromSeconds(1), "game over");

        var shown = engine.EventsOf(game.Code).Where(e => e.Type == BluffEvents.QuestionShown)
            .Select(e => Json.Of(e.Data).GetProperty("text").GetString())
            .Select(text => engine.Questions.Questions.Single(q => q.Text == text).Id)
            .ToList();
        Assert.Equal(rounds, shown.Count);
        Assert.Equal(shown, final.UsedQuestionIds);
        return shown;
    }
}
