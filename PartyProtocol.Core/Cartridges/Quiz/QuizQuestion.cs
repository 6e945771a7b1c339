using System.Text.Json.Serialization;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Cartridges.Quiz;

/// <summary>One Quiz question: the question, 2–4 choices and which one is correct.</summary>
/// <param name="Id">Unique across all Quiz packs, e.g. <c>qgeo-001</c>.</param>
/// <param name="Text">The question as the big screen shows it.</param>
/// <param name="Choices">2–4 distinct answers. The game shows them in a shuffled order.</param>
/// <param name="Correct">The index of the correct choice in <paramref name="Choices"/>.</param>
/// <param name="FamilyFriendly">Whether the question suits a family audience (required in pack files).</param>
/// <param name="Source">Where an editor can check the fact.</param>
/// <param name="TimeLimitSeconds">A time limit of its own (5–120 s), for questions that need longer to read.</param>
public sealed record QuizQuestion(
    string Id,
    string Category,
    string Text,
    IReadOnlyList<string> Choices,
    [property: JsonRequired] int Correct,
    [property: JsonRequired] bool FamilyFriendly,
    string? Source = null,
    int? TimeLimitSeconds = null) : IQuestion
{
    public const int MinChoices = 2;
    public const int MaxChoices = 4;
    public const int MaxTextLength = 160;
    public const int MaxChoiceLength = 40;
    public const int MinTimeLimit = 5;
    public const int MaxTimeLimit = 120;
}

/// <summary>Quiz's question shape and rules for the content lint.</summary>
public sealed class QuizQuestionFormat : QuestionFormat<QuizQuestion>
{
    public static QuizQuestionFormat Instance { get; } = new();

    public override string GameKey => QuizCartridge.GameKey;

    public override string Sentence(QuizQuestion question) => question.Text;

    public override IReadOnlyList<string> RightAnswers(QuizQuestion question) => [question.Choices[question.Correct]];

    public override IReadOnlyList<string> WrongAnswers(QuizQuestion question) =>
        [.. question.Choices.Where((_, i) => i != question.Correct)];

    /// <summary>
    /// The correct answer: two questions with the same one give each other away. True/false questions (two choices)
    /// share their answers by nature, so they have no key.
    /// </summary>
    public override string? DuplicateKey(QuizQuestion question) =>
        question.Choices.Count > 2 && question.Correct >= 0 && question.Correct < question.Choices.Count ? question.Choices[question.Correct] : null;

    public override QuizQuestion With(QuizQuestion question, string id, string category) => question with { Id = id, Category = category };

    public override IEnumerable<(string Field, FieldError Problem)> Check(QuizQuestion q)
    {
        if (string.IsNullOrWhiteSpace(q.Text))
        {
            yield return ("text", LintProblems.Missing);
        }
        else if (q.Text.Trim().Length > QuizQuestion.MaxTextLength)
        {
            yield return ("text", LintProblems.LongerThan(QuizQuestion.MaxTextLength));
        }

        if (q.Choices is null || q.Choices.Count is < QuizQuestion.MinChoices or > QuizQuestion.MaxChoices)
        {
            yield return ("choices", LintProblems.EntriesBetween(QuizQuestion.MinChoices, QuizQuestion.MaxChoices));
            yield break;
        }

        foreach (var choice in q.Choices)
        {
            if (string.IsNullOrWhiteSpace(choice) || choice.Trim().Length > QuizQuestion.MaxChoiceLength)
            {
                yield return ("choices", LintProblems.EntryEmptyOrLongerThan(QuizQuestion.MaxChoiceLength));
            }
            else if (AnswerText.Key(choice).Length == 0)
            {
                yield return ("choices", LintProblems.EntryNoLetter(choice));
            }
        }

        if (q.Correct < 0 || q.Correct >= q.Choices.Count)
        {
            yield return ("correct", LintProblems.ChoiceIndex(q.Choices.Count));
        }

        if (q.TimeLimitSeconds is { } limit && limit is < QuizQuestion.MinTimeLimit or > QuizQuestion.MaxTimeLimit)
        {
            yield return ("timeLimitSeconds", LintProblems.SecondsBetween(QuizQuestion.MinTimeLimit, QuizQuestion.MaxTimeLimit));
        }
    }
}

/// <summary>Quiz's built-in packs (Cartridges/Quiz/Packs) and extra packs from a folder.</summary>
public static class QuizContent
{
    private const string ResourcePrefix = "PartyProtocol.Core.Cartridges/Quiz/Packs/";

    /// <summary>The packs shipped with PartyProtocol, plus Quiz's packs in <paramref name="extraFolder"/>.</summary>
    public static QuestionLibrary<QuizQuestion> Load(string? extraFolder = null) =>
        new(QuizQuestionFormat.Instance,
            QuestionLibrary<QuizQuestion>.Embedded(typeof(QuizContent).Assembly, ResourcePrefix),
            extraFiles: QuestionLibrary<QuizQuestion>.FromFolder(extraFolder, QuizCartridge.GameKey));
}

/// <summary>
/// Quiz's questions as a table: the CSV layout of own packs and the columns of the pack editor. The choices are four
/// cells (the last ones may stay blank) and <c>correct</c> is the number of the right one, 1–4, as people count.
/// </summary>
public sealed class QuizQuestionColumns : QuestionColumns<QuizQuestion>
{
    private static readonly string[] ChoiceColumns = ["choice1", "choice2", "choice3", "choice4"];
    private static readonly string[] ChoiceFields = ["choices", "decoys"];

    public static QuizQuestionColumns Instance { get; } = new();

    public override IReadOnlyList<QuestionColumn> Columns { get; } =
    [
        new("text", "Question", QuestionColumnKind.LongText, $"The question (up to {QuizQuestion.MaxTextLength} characters).")
        {
            Required = true,
            HelpArguments = [QuizQuestion.MaxTextLength],
        },
        new("choice1", "Choice 1", QuestionColumnKind.Text, "An answer to pick.") { Required = true, Fields = ChoiceFields },
        new("choice2", "Choice 2", QuestionColumnKind.Text, "An answer to pick.") { Required = true, Fields = ChoiceFields },
        new("choice3", "Choice 3", QuestionColumnKind.Text, "Optional.") { Fields = ChoiceFields },
        new("choice4", "Choice 4", QuestionColumnKind.Text, "Optional.") { Fields = ChoiceFields },
        new("correct", "Correct", QuestionColumnKind.Number, "The number of the right choice, 1–4.") { Required = true, Default = "1" },
        new("category", "Category", QuestionColumnKind.Text, "Shown with the question; blank: the pack's name."),
        new("timeLimitSeconds", "Seconds", QuestionColumnKind.Number,
            $"A time limit of its own, {QuizQuestion.MinTimeLimit}–{QuizQuestion.MaxTimeLimit} s (optional).")
        {
            HelpArguments = [QuizQuestion.MinTimeLimit, QuizQuestion.MaxTimeLimit],
        },
        new("familyFriendly", "Family friendly", QuestionColumnKind.YesNo, "yes or no; blank: yes.") { Default = "yes" },
        new("source", "Source", QuestionColumnKind.Text, "Where the fact can be checked (optional)."),
    ];

    protected override QuizQuestion Read(string id, Cells cells)
    {
        var filled = ChoiceColumns.Select((column, i) => (Number: i + 1, Text: cells.Text(column))).Where(c => c.Text.Length > 0).ToList();
        var correct = -1;
        if (cells.Number("correct") is { } number)
        {
            var index = filled.FindIndex(c => c.Number == number);
            if (index >= 0)
            {
                correct = index;
            }
            else
            {
                cells.Problem("correct", number is < 1 or > 4 ? LintProblems.OneToFour : LintProblems.NamesBlankChoice(number));
            }
        }

        return new QuizQuestion(
            id,
            cells.Text("category"),
            cells.Text("text"),
            [.. filled.Select(c => c.Text)],
            correct,
            cells.YesNo("familyFriendly"),
            cells.Text("source") is { Length: > 0 } source ? source : null,
            cells.Number("timeLimitSeconds"));
    }

    public override IReadOnlyDictionary<string, string> Write(QuizQuestion question)
    {
        var cells = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["text"] = question.Text ?? string.Empty,
            ["correct"] = question.Correct >= 0 ? Number(question.Correct + 1) : string.Empty,
            ["category"] = question.Category ?? string.Empty,
            ["timeLimitSeconds"] = Number(question.TimeLimitSeconds),
            ["familyFriendly"] = YesNo(question.FamilyFriendly),
            ["source"] = question.Source ?? string.Empty,
        };
        for (var i = 0; i < ChoiceColumns.Length; i++)
        {
            cells[ChoiceColumns[i]] = question.Choices is { } choices && i < choices.Count ? choices[i] : string.Empty;
        }

        return cells;
    }
}
