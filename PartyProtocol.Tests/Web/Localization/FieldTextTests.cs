using System.Globalization;
using System.Text.Json;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Core.Text;
using PartyProtocol.Web.Components.Pages.Packs;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Tests.Web.Localization;

/// <summary>
/// Why a field is refused, worded per language (<see cref="FieldText"/>): every code the game and the content lint
/// produce has a text whose English is the game's own sentence exactly, and a Danish one; a sentence without a code
/// (or a code without a text) stays English.
/// </summary>
public sealed class FieldTextTests
{
    private static readonly PartyText Danish = PartyText.For("da");

    private static readonly IReadOnlyDictionary<string, string> EnglishTexts = PartyText.Table("en");

    /// <summary>Field errors from the real producers: every setting of both games given bad values, names, lies and the lint.</summary>
    public static IReadOnlyList<FieldError> Produced()
    {
        var errors = new List<FieldError>();
        ICartridge[] games = [new BluffCartridge(BluffContent.Load()), new QuizCartridge(QuizContent.Load())];
        string[] bad = ["\"x\"", "1.5", "99999", "-5", "true", "[]", "[\"nope\"]", "null"];
        foreach (var game in games)
        {
            foreach (var setting in game.Settings)
            {
                var values = bad.ToList();
                if (setting.Options is { Count: > 0 } options)
                {
                    values.Add($"[\"{options[0].Value}\", \"{options[0].Value}\"]");
                }

                foreach (var raw in values)
                {
                    errors.AddRange(Refusals(game.BindSettings(new Dictionary<string, JsonElement> { [setting.Name] = JsonDocument.Parse(raw).RootElement })));
                }
            }

            errors.AddRange(Refusals(game.BindSettings(new Dictionary<string, JsonElement> { ["colour"] = JsonDocument.Parse("1").RootElement })));

            // The questions a game is given: none at all, too few for its rounds, a pack it lacks, another game's question.
            var questions = (IQuestionGame)game;
            var defaults = game.BindSettings(null).Value!;
            IQuestion own = game is BluffCartridge
                ? new BluffQuestion("o1", "Own", "The <BLANK> is fast.", "falcon", [], ["eagle", "kite"], true)
                : new QuizQuestion("o1", "Own", "Which bird is fast?", ["Falcon", "Duck"], 0, true);
            IQuestion other = own is BluffQuestion ? new QuizQuestion("x1", "X", "Which?", ["A", "B"], 0, true) : new BluffQuestion("x1", "X", "<BLANK>", "a", [], ["b", "c"], true);
            errors.AddRange(Refusals(questions.WithQuestions(defaults, new QuestionChoice([], []))));
            errors.AddRange(Refusals(questions.WithQuestions(defaults, new QuestionChoice([], [own]))));
            errors.AddRange(Refusals(questions.WithQuestions(defaults, new QuestionChoice(["nope"], []))));
            errors.AddRange(Refusals(questions.WithQuestions(defaults, new QuestionChoice(null, [other]))));
            errors.AddRange(Refusals(questions.WithQuestions(game.BindSettings(new Dictionary<string, JsonElement>
            {
                ["familyFriendly"] = JsonDocument.Parse("false").RootElement,
            }).Value!, new QuestionChoice([], []))));
        }

        // A setting that is a set of options (no game has one yet).
        var colours = SettingDefinition.MultiChoice("colours", null, [new("red", "Red"), new("blue", "Blue")], "Colours.", minSelected: 2);
        var colour = SettingDefinition.MultiChoice("colour", null, [new("red", "Red"), new("blue", "Blue")], "Colour.");
        foreach (var (setting, raw) in new[] { (colours, "\"red\""), (colours, "[\"green\"]"), (colours, "[\"red\", \"red\"]"), (colours, "[\"red\"]"), (colour, "[]") })
        {
            errors.AddRange(setting.Validate(JsonDocument.Parse(raw).RootElement).Error is { } error ? [error] : []);
        }

        foreach (var name in new[] { "", new string('a', 17), "Ann\u200B", "\u0301", "q\u0350\u0351\u0352\u0357\u035B" })
        {
            errors.AddRange(Nicknames.Check(name).Error is { } error ? [error] : []);
            errors.AddRange(TypedText.Check(name, BluffCartridge.LieRules).Error is { } lie ? [lie] : []);
        }

        var bluff = new[]
        {
            new BluffQuestion("b1", "", "No blank here.", new string('t', 61), null!, ["one"], true),
            new BluffQuestion("b2", "Birds", "A group of crows is a <BLANK> of crows.", "?!", ["!!", new string('a', 61)], ["crows", "crows", "?", ""], true),
            new BluffQuestion("b3", "Birds", "The <BLANK> is the fastest bird.", "falcon", ["Falcon bird"], ["falcon", "eagle", "kite\u202E"], true),
            new BluffQuestion("b3", "Birds", "The <BLANK> is the fastest bird of all.", "falcon", [], ["eagle", "kite"], true),
            new BluffQuestion("b4", new string('c', 41), "A group of owls is a <BLANK>.", "parliament", [], ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"], true),
            new BluffQuestion("b7", "Birds", "A group of crows is a <BLANK> of crows.", "murder", [], ["crows", "Crows!"], true),
            new BluffQuestion("b5", "Places", "The largest hot desert on planet Earth is the <BLANK>.", "Sahara", [], ["Gobi", "Kalahari"], true),
            new BluffQuestion("b6", "Places", "The largest hot desert on Earth is called the <BLANK>.", "Arabian", [], ["Gobi", "Namib"], true),
        };
        errors.AddRange(ContentLint.Check(BluffQuestionFormat.Instance, [(new PackInfo("p", "P", "", "p.json"), bluff)], requireSource: true)
            .Select(p => LintProblems.OnField(p.Field, p.Problem)));
        var quiz = new[]
        {
            new QuizQuestion("q1", "Geo", "", ["Only"], 3, true, "Atlas"),
            new QuizQuestion("q2", "Geo", "Which one?", ["", "?!", "Oslo", "Oslo"], 7, true, "Atlas", 999),
        };
        errors.AddRange(ContentLint.Check(QuizQuestionFormat.Instance, [(new PackInfo("p", "P", "en", "p.json"), quiz)], requireSource: false)
            .Select(p => p.Problem));

        var unreadable = new List<(string Field, FieldError Problem)>();
        BluffQuestionColumns.Instance.Read("", new Dictionary<string, string> { ["familyFriendly"] = "maybe" }, unreadable);
        QuizQuestionColumns.Instance.Read("", new Dictionary<string, string> { ["choice1"] = "a", ["correct"] = "x", ["timeLimitSeconds"] = "soon" }, unreadable);
        QuizQuestionColumns.Instance.Read("", new Dictionary<string, string> { ["choice1"] = "a", ["correct"] = "7" }, unreadable);
        QuizQuestionColumns.Instance.Read("", new Dictionary<string, string> { ["choice1"] = "a", ["correct"] = "3" }, unreadable);
        errors.AddRange(unreadable.Select(u => u.Problem));
        return errors;
    }

    private static IEnumerable<FieldError> Refusals(Result<object> result) =>
        result.IsSuccess ? [] : result.Error.AllFieldErrors().Values.SelectMany(e => e);

    private static IEnumerable<FieldError> WithParts(FieldError error) =>
        error.Arguments.OfType<FieldError>().SelectMany(WithParts).Prepend(error);

    /// <summary>The English text of the code, filled in the way FieldText fills in the other languages.</summary>
    private static string FromEnglishText(FieldError error) => string.Format(CultureInfo.GetCultureInfo("en"), EnglishTexts[FieldText.Prefix + error.Code],
        [.. error.Arguments.Select(a => a is FieldError part ? FromEnglishText(part) : a)]);

    [Fact]
    public void EveryCodeTheGamesAndTheLintProduceHasAnEnglishTextThatIsTheirOwnSentence()
    {
        var produced = Produced().SelectMany(WithParts).ToList();

        var codes = produced.Select(e => e.Code).Distinct().ToList();
        Assert.True(codes.Count >= 57, $"Only {codes.Count} kinds of failure were produced: {string.Join(", ", codes)}");
        Assert.DoesNotContain(string.Empty, codes);
        var missing = codes.Where(c => !EnglishTexts.ContainsKey(FieldText.Prefix + c)).ToList();
        Assert.True(missing.Count == 0, "No Field_<code> text for: " + string.Join(", ", missing));
        Assert.All(produced, e => Assert.Equal(e.Message, FromEnglishText(e)));
    }

    [Fact]
    public void EveryProducedRefusalReadsDifferentlyInDanishAndNeverInEnglishWords()
    {
        foreach (var error in Produced().DistinctBy(e => e.Message))
        {
            var danish = FieldText.Word(error, Danish);

            Assert.NotEqual(error.Message, danish);
            Assert.DoesNotContain(" must ", danish, StringComparison.Ordinal);
            Assert.DoesNotContain(" is ", danish, StringComparison.Ordinal);
            Assert.DoesNotContain(" or ", danish, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ARangeAndAChoiceAreWordedInsideTheirSentenceWithTheLanguagesOwnNumbersAndOr()
    {
        var timer = new QuizCartridge(QuizContent.Load()).Settings.Single(s => s.Name == "timerScale");
        var (_, error) = timer.Validate(JsonDocument.Parse("3").RootElement);

        Assert.Equal("Setting 'timerScale' must be one of 1, 1.5, 2.", error!.Message);
        Assert.Equal("Indstillingen 'timerScale' skal være en af 1, 1.5, 2.", FieldText.Word(error, Danish));
        Assert.Equal("Grænsen for publikum er 0–100.000.",
            FieldText.Word(new FieldError("audience_cap", "The audience cap is 0–100,000.", 100_000), Danish));
    }

    [Fact]
    public void ASentenceWithoutACodeOrWithACodeWithoutATextStaysEnglish()
    {
        var plain = GameError.Invalid("choice", "Pick one of the four choices (0–3).");
        var unknown = GameError.Invalid("choice", new FieldError("a_new_games_own_code", "Pick a card."));

        Assert.Equal(["Pick one of the four choices (0–3)."], FieldText.Messages(plain, Danish)!["choice"]);
        Assert.Equal(["Pick a card."], FieldText.Messages(unknown, Danish)!["choice"]);
    }

    [Fact]
    public void ARefusalsOwnSentenceUnderACodeThatSaysWhatIsWrongReadsLikeItsDetail()
    {
        var taken = new GameError("pack_name_taken", "You already have a Bluff pack called 'Birds'.", ErrorKind.Conflict,
            new Dictionary<string, string[]> { ["name"] = ["You already have a Bluff pack called 'Birds'."] });

        Assert.Equal([Danish["Problem_pack_name_taken"].Value], FieldText.Messages(taken, Danish)!["name"]);
    }

    [Fact]
    public void TheEditorsColumnsAreNamedAndExplainedInDanishAroundTheGamesOwnLimits()
    {
        foreach (var (game, columns) in new[] { ("bluff", BluffQuestionColumns.Instance.Columns), ("quiz", QuizQuestionColumns.Instance.Columns) })
        {
            foreach (var column in columns)
            {
                Assert.Equal(column.Label, PackColumnText.Label(column, game, PartyText.For("en")));
                Assert.Equal(column.Help, string.Format(CultureInfo.GetCultureInfo("en"), EnglishTexts[$"PackColumnHelp_{game}_{column.Name}"], [.. column.HelpArguments]));
                Assert.NotEqual(column.Help, PackColumnText.Help(column, game, Danish));
            }
        }

        var seconds = QuizQuestionColumns.Instance.Columns.Single(c => c.Name == "timeLimitSeconds");
        Assert.Equal("En tidsgrænse kun for dette spørgsmål, 5–120 s (valgfrit).", PackColumnText.Help(seconds, "quiz", Danish));
    }
}
