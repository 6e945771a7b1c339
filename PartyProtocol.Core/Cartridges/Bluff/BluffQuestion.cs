using System.Text.Json.Serialization;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Cartridges.Bluff;

/// <summary>One Bluff question: a sentence with a blank, its truth, and house lies.</summary>
/// <param name="Id">Unique across all Bluff packs, e.g. <c>ani-001</c>.</param>
/// <param name="Category">Display category.</param>
/// <param name="Text">The sentence, with exactly one <c>&lt;BLANK&gt;</c>.</param>
/// <param name="Truth">The real answer (never sent to a client before its reveal).</param>
/// <param name="Alternates">Other accepted spellings of the truth.</param>
/// <param name="Decoys">House lies: fill-ins and "lie for me" suggestions.</param>
/// <param name="FamilyFriendly">Whether the question suits a family audience. Required in pack files: a forgotten flag
/// must be named at start-up, not silently read as <c>false</c>.</param>
/// <param name="Source">Where an editor can check the fact.</param>
public sealed record BluffQuestion(
    string Id,
    string Category,
    string Text,
    string Truth,
    IReadOnlyList<string> Alternates,
    IReadOnlyList<string> Decoys,
    [property: JsonRequired] bool FamilyFriendly,
    string? Source = null) : IQuestion
{
    public const string Blank = "<BLANK>";

    /// <summary>The longest answer, lie or house lie.</summary>
    public const int MaxAnswerLength = 60;

    /// <summary>The longest sentence.</summary>
    public const int MaxTextLength = 200;

    /// <summary>The most accepted spellings, and the most house lies, a question may have.</summary>
    public const int MaxListLength = 10;
}

/// <summary>Bluff's question shape and rules for the content lint.</summary>
public sealed class BluffQuestionFormat : QuestionFormat<BluffQuestion>
{
    public static BluffQuestionFormat Instance { get; } = new();

    public override string GameKey => BluffCartridge.GameKey;

    public override string Sentence(BluffQuestion question) => question.Text.Replace(BluffQuestion.Blank, "___", StringComparison.Ordinal);

    public override IReadOnlyList<string> RightAnswers(BluffQuestion question) => [question.Truth, .. question.Alternates];

    public override IReadOnlyList<string> WrongAnswers(BluffQuestion question) => question.Decoys;

    public override string? DuplicateKey(BluffQuestion question) => question.Truth;

    public override BluffQuestion With(BluffQuestion question, string id, string category) => question with { Id = id, Category = category };

    public override IEnumerable<(string Field, FieldError Problem)> Check(BluffQuestion q)
    {
        if (string.IsNullOrWhiteSpace(q.Text))
        {
            yield return ("text", LintProblems.Missing);
        }
        else if (q.Text.Split(BluffQuestion.Blank).Length != 2)
        {
            yield return ("text", LintProblems.OneBlank(BluffQuestion.Blank));
        }
        else if (q.Text.Trim().Length > BluffQuestion.MaxTextLength)
        {
            yield return ("text", LintProblems.LongerThan(BluffQuestion.MaxTextLength));
        }

        if (string.IsNullOrWhiteSpace(q.Truth) || q.Truth.Trim().Length > BluffQuestion.MaxAnswerLength)
        {
            yield return ("truth", LintProblems.Length(BluffQuestion.MaxAnswerLength));
        }
        else if (AnswerText.Key(q.Truth).Length == 0)
        {
            yield return ("truth", LintProblems.NeedsLetter);
        }

        if (q.Alternates is null)
        {
            yield return ("alternates", LintProblems.ListMissing);
        }
        else if (q.Alternates.Count > BluffQuestion.MaxListLength)
        {
            yield return ("alternates", LintProblems.MoreEntriesThan(BluffQuestion.MaxListLength));
        }
        else
        {
            // An answer without a letter or digit has an empty comparison key: it would match nothing a player can type.
            foreach (var alternate in q.Alternates.Where(a => AnswerText.Key(a).Length == 0))
            {
                yield return ("alternates", LintProblems.EntryNoLetter(alternate));
            }

            foreach (var alternate in q.Alternates.Where(a => a.Trim().Length > BluffQuestion.MaxAnswerLength))
            {
                yield return ("alternates", LintProblems.EntryLongerThan(BluffQuestion.MaxAnswerLength));
            }
        }

        if (q.Decoys is null || q.Decoys.Count < 2)
        {
            yield return ("decoys", LintProblems.AtLeastEntries(2));
            yield break;
        }

        if (q.Decoys.Count > BluffQuestion.MaxListLength)
        {
            yield return ("decoys", LintProblems.MoreEntriesThan(BluffQuestion.MaxListLength));
        }

        foreach (var decoy in q.Decoys)
        {
            if (string.IsNullOrWhiteSpace(decoy) || decoy.Trim().Length > BluffQuestion.MaxAnswerLength)
            {
                yield return ("decoys", LintProblems.EntryEmptyOrLongerThan(BluffQuestion.MaxAnswerLength));
            }
            else if (AnswerText.Key(decoy).Length == 0)
            {
                // A decoy like that could never be submitted as a lie-for-me lie.
                yield return ("decoys", LintProblems.EntryNoLetter(decoy));
            }
        }
    }
}

/// <summary>Bluff's built-in packs (Cartridges/Bluff/Packs) and extra packs from a folder.</summary>
public static class BluffContent
{
    private const string ResourcePrefix = "PartyProtocol.Core.Cartridges/Bluff/Packs/";

    /// <summary>The packs shipped with PartyProtocol, plus Bluff's packs in <paramref name="extraFolder"/>.</summary>
    public static QuestionLibrary<BluffQuestion> Load(string? extraFolder = null) =>
        new(BluffQuestionFormat.Instance,
            QuestionLibrary<BluffQuestion>.Embedded(typeof(BluffContent).Assembly, ResourcePrefix),
            extraFiles: QuestionLibrary<BluffQuestion>.FromFolder(extraFolder, BluffCartridge.GameKey));
}

/// <summary>
/// Bluff's questions as a table: the CSV layout of own packs and the columns of the pack editor. Lists (accepted
/// spellings, house lies) are one cell with the values separated by <c>|</c>.
/// </summary>
public sealed class BluffQuestionColumns : QuestionColumns<BluffQuestion>
{
    public static BluffQuestionColumns Instance { get; } = new();

    public override IReadOnlyList<QuestionColumn> Columns { get; } =
    [
        new("text", "Sentence", QuestionColumnKind.LongText, $"The fact with exactly one {BluffQuestion.Blank} where the answer goes.")
        {
            Required = true,
            HelpArguments = [BluffQuestion.Blank],
        },
        new("truth", "Truth", QuestionColumnKind.Text, "The real answer (1–60 characters).") { Required = true },
        new("alternates", "Also accepted", QuestionColumnKind.List, "Other spellings of the truth, separated by |."),
        new("decoys", "House lies", QuestionColumnKind.List, "At least 2 believable wrong answers, separated by |.") { Required = true },
        new("category", "Category", QuestionColumnKind.Text, "Shown with the question; blank: the pack's name."),
        new("familyFriendly", "Family friendly", QuestionColumnKind.YesNo, "yes or no; blank: yes.") { Default = "yes" },
        new("source", "Source", QuestionColumnKind.Text, "Where the fact can be checked (optional)."),
    ];

    protected override BluffQuestion Read(string id, Cells cells) => new(
        id,
        cells.Text("category"),
        cells.Text("text"),
        cells.Text("truth"),
        cells.List("alternates"),
        cells.List("decoys"),
        cells.YesNo("familyFriendly"),
        cells.Text("source") is { Length: > 0 } source ? source : null);

    public override IReadOnlyDictionary<string, string> Write(BluffQuestion question) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["text"] = question.Text ?? string.Empty,
        ["truth"] = question.Truth ?? string.Empty,
        ["alternates"] = JoinList(question.Alternates),
        ["decoys"] = JoinList(question.Decoys),
        ["category"] = question.Category ?? string.Empty,
        ["familyFriendly"] = YesNo(question.FamilyFriendly),
        ["source"] = question.Source ?? string.Empty,
    };
}
