using System.Text.Json;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Core.Content;

namespace PartyProtocol.Tests.Core.Content;

/// <summary>The content lint every game's packs meet: one test per rule, on Bluff's and Quiz's shapes alike.</summary>
public sealed class ContentLintTests
{
    private static BluffQuestion Bluff(string id, string text = "The hidden fact is <BLANK>, they say.", string truth = "zebra",
        string[]? alternates = null, string[]? decoys = null, string? source = "A reference", string category = "Test") =>
        new(id, category, text, truth, alternates ?? [], decoys ?? ["lion", "tiger", "okapi", "tapir"], FamilyFriendly: true, source);

    private static QuizQuestion Quiz(string id, string text = "Which animal has stripes?", string[]? choices = null, int correct = 0, string? source = "A reference") =>
        new(id, "Test", text, choices ?? ["Zebra", "Lion", "Okapi", "Tapir"], correct, FamilyFriendly: true, source);

    private static IReadOnlyList<ContentProblem> Lint<TQuestion>(QuestionFormat<TQuestion> format, bool requireSource, params TQuestion[] questions)
        where TQuestion : class, IQuestion =>
        ContentLint.Check(format, [(new PackInfo("test", "Test", "en", "test.json"), questions)], requireSource);

    private static void Refused(IReadOnlyList<ContentProblem> problems, string id, string field, string words)
    {
        Assert.Contains(problems, p => p.QuestionId == id && p.Field == field && p.Message.Contains(words, StringComparison.Ordinal));
    }

    [Fact]
    public void AGoodQuestionOfEachGamePasses()
    {
        Assert.Empty(Lint(BluffQuestionFormat.Instance, true, Bluff("b1")));
        Assert.Empty(Lint(QuizQuestionFormat.Instance, true, Quiz("q1")));
    }

    [Fact]
    public void ABluffSentenceNeedsExactlyOneBlank()
    {
        Refused(Lint(BluffQuestionFormat.Instance, false, Bluff("b1", text: "No blank at all.")), "b1", "text", "exactly one <BLANK>");
        Refused(Lint(BluffQuestionFormat.Instance, false, Bluff("b1", text: "<BLANK> and <BLANK>.")), "b1", "text", "exactly one <BLANK>");
    }

    [Fact]
    public void ARequiredFieldThatIsMissingIsNamed()
    {
        Refused(Lint(BluffQuestionFormat.Instance, false, Bluff("b1", truth: " ")), "b1", "truth", "1–60 characters");
        Refused(Lint(BluffQuestionFormat.Instance, false, Bluff("b1", category: "")), "b1", "category", "is missing");
        Refused(Lint(BluffQuestionFormat.Instance, false, Bluff("")), null!, "id", "is missing");
        Refused(Lint(BluffQuestionFormat.Instance, true, Bluff("b1", source: null)), "b1", "source", "is missing");
        Refused(Lint(QuizQuestionFormat.Instance, true, Quiz("q1", source: " ")), "q1", "source", "is missing");
        // People's own packs need no source.
        Assert.Empty(Lint(BluffQuestionFormat.Instance, false, Bluff("b1", source: null)));
        var noLanguage = ContentLint.Check(BluffQuestionFormat.Instance, [(new PackInfo("test", "Test", "", "test.json"), [Bluff("b1")])], false);
        Assert.Contains(noLanguage, p => p.Field == "language");
    }

    [Fact]
    public void TheTruthAnAlternateOrADecoyInTheSentenceGivesItAway()
    {
        Refused(Lint(BluffQuestionFormat.Instance, false, Bluff("b1", text: "A zebra is black and white; its name is <BLANK>.")), "b1", "text", "'zebra' appears");
        Refused(Lint(BluffQuestionFormat.Instance, false, Bluff("b1", alternates: ["a zebra", "striped horse"], text: "Not a striped horse but a <BLANK>.")),
            "b1", "text", "'striped horse' appears");
        Refused(Lint(BluffQuestionFormat.Instance, false, Bluff("b1", text: "Bigger than a Tiger, it is a <BLANK>.")), "b1", "text", "'tiger' appears");
        Refused(Lint(QuizQuestionFormat.Instance, false, Quiz("q1", text: "Is the zebra the one with stripes?")), "q1", "text", "'Zebra' appears");
        // Words inside other words are not the answer: "zebras" is not "zebra"'s giveaway rule, "Okapis" is a new word.
        Assert.Empty(Lint(BluffQuestionFormat.Instance, false, Bluff("b1", text: "Zebraish stripes belong to the <BLANK>.")));
    }

    [Fact]
    public void ADecoyEqualToTheTruthAfterNormalisationIsRefused()
    {
        foreach (var decoy in new[] { "Zebra", "the zebra!", "A ZEBRA", "zébra", "ze-bra" })
        {
            Refused(Lint(BluffQuestionFormat.Instance, false, Bluff("b1", decoys: ["lion", "tiger", "okapi", decoy])), "b1", "decoys", "is a right answer");
        }

        Refused(Lint(BluffQuestionFormat.Instance, false, Bluff("b1", alternates: ["quagga"], decoys: ["lion", "tiger", "okapi", "The Quagga"])),
            "b1", "decoys", "is a right answer");
        Refused(Lint(QuizQuestionFormat.Instance, false, Quiz("q1", choices: ["Zebra", "Lion", "a zebra"])), "q1", "decoys", "is a right answer");
    }

    [Fact]
    public void TheSameDecoyTwiceIsRefused()
    {
        Refused(Lint(BluffQuestionFormat.Instance, false, Bluff("b1", decoys: ["lion", "tiger", "Lion.", "tapir"])), "b1", "decoys", "twice");
        Refused(Lint(QuizQuestionFormat.Instance, false, Quiz("q1", choices: ["Zebra", "Lion", "lion"])), "q1", "decoys", "twice");
    }

    [Fact]
    public void TwoQuestionsWithTheSameTruthAreNearDuplicates()
    {
        var problems = Lint(BluffQuestionFormat.Instance, false,
            Bluff("b1"), Bluff("b2", text: "Striped grazers of the savanna are called <BLANK>.", truth: "Zebra"));

        Refused(problems, "b2", "truth", "same answer as question 'b1'");
    }

    [Fact]
    public void SentencesThatShareMostOfTheirWordsAreNearDuplicates()
    {
        var problems = Lint(BluffQuestionFormat.Instance, false,
            Bluff("b1", text: "The famous striped horse of the African savanna is the <BLANK>."),
            Bluff("b2", text: "The famous striped horse of the African plains is the <BLANK>.", truth: "quagga"));

        Refused(problems, "b2", "text", "nearly repeats question 'b1'");
        // The same words in two languages are never compared.
        var twoLanguages = ContentLint.Check(BluffQuestionFormat.Instance,
            [(new PackInfo("en", "En", "en", "en.json"), [Bluff("b1")]), (new PackInfo("da", "Da", "da", "da.json"), [Bluff("b2")])], false);
        Assert.Empty(twoLanguages);
    }

    [Fact]
    public void TrueOrFalseQuestionsMayShareTheirAnswer()
    {
        Assert.Empty(Lint(QuizQuestionFormat.Instance, false,
            Quiz("q1", text: "Sound travels faster in water than in air.", choices: ["True", "False"]),
            Quiz("q2", text: "Penguins live wild in the Arctic.", choices: ["False", "True"])));
    }

    [Fact]
    public void AnIdUsedTwiceIsRefusedNamingTheOtherFile()
    {
        var problems = ContentLint.Check(BluffQuestionFormat.Instance,
            [(new PackInfo("a", "A", "en", "a.json"), [Bluff("same")]), (new PackInfo("b", "B", "en", "b.json"), [Bluff("same", text: "Another fact: <BLANK>.", truth: "kudu")])], false);

        Assert.Contains(problems, p => p.File == "b.json" && p.Field == "id" && p.Message.Contains("a.json", StringComparison.Ordinal));
    }

    [Fact]
    public void TheFlaggedQuestionsAreFixed()
    {
        var bluff = BluffContent.Load();
        // Fixed in place (the ids stay) or reworded so that one answer fits.
        Assert.Contains("cephalothorax", bluff.Find("ani-007")?.Alternates ?? ["cephalothorax"]);
        Assert.DoesNotContain("triple", bluff.Find("spo-016")!.Decoys.Select(ContentLint.Key));
        Assert.DoesNotContain("hyaline", bluff.Find("body-016")!.Decoys.Select(ContentLint.Key));
        Assert.DoesNotContain("laryngeal", bluff.Find("body-016")!.Decoys.Select(ContentLint.Key));
        Assert.DoesNotContain("Mexico", bluff.Find("geo-010")!.Decoys);
        Assert.Contains("safely", bluff.Find("sci-015")!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AtLeastFourHundredBluffQuestionsShipInAtLeastTwelveCategoriesEachWithASource()
    {
        var bluff = BluffContent.Load();

        var english = bluff.Entries.Where(e => e.Pack.Language == "en").ToList();
        Assert.True(english.Count >= 400, $"Only {english.Count} English Bluff questions ship.");
        Assert.True(english.Select(e => e.Question.Category).Distinct().Count() >= 12);
        Assert.All(bluff.Questions, q => Assert.False(string.IsNullOrWhiteSpace(q.Source), q.Id));
        Assert.All(bluff.Questions, q => Assert.Equal(4, q.Decoys.Count));
    }

    [Fact]
    public void AShippedPackIsValidJsonWithItsGameAndLanguage()
    {
        foreach (var (prefix, game) in new[] { ("PartyProtocol.Core.Cartridges/Bluff/Packs/", "bluff"), ("PartyProtocol.Core.Cartridges/Quiz/Packs/", "quiz") })
        {
            var files = QuestionLibrary<BluffQuestion>.Embedded(typeof(BluffContent).Assembly, prefix);
            Assert.NotEmpty(files);
            foreach (var (file, json) in files)
            {
                using var document = JsonDocument.Parse(json);
                Assert.Equal(game, document.RootElement.GetProperty("game").GetString());
                Assert.Equal(file.Split('/')[0], document.RootElement.GetProperty("language").GetString());
            }
        }
    }
}
