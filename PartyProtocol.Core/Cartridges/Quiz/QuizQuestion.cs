using System.Text.Json.Serialization;
using PartyProtocol.Core.Content;

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

    public override IEnumerable<(string Field, string Problem)> Check(QuizQuestion q)
    {
        if (string.IsNullOrWhiteSpace(q.Text))
        {
            yield return ("text", "is missing");
        }
        else if (q.Text.Trim().Length > QuizQuestion.MaxTextLength)
        {
            yield return ("text", $"is longer than {QuizQuestion.MaxTextLength} characters");
        }

        if (q.Choices is null || q.Choices.Count is < QuizQuestion.MinChoices or > QuizQuestion.MaxChoices)
        {
            yield return ("choices", $"needs {QuizQuestion.MinChoices}–{QuizQuestion.MaxChoices} entries");
            yield break;
        }

        foreach (var choice in q.Choices)
        {
            if (string.IsNullOrWhiteSpace(choice) || choice.Trim().Length > QuizQuestion.MaxChoiceLength)
            {
                yield return ("choices", $"has an entry that is empty or longer than {QuizQuestion.MaxChoiceLength} characters");
            }
            else if (AnswerText.Key(choice).Length == 0)
            {
                yield return ("choices", $"has '{choice}', which has no letter or digit");
            }
        }

        if (q.Correct < 0 || q.Correct >= q.Choices.Count)
        {
            yield return ("correct", $"must be the index of one of the {q.Choices.Count} choices (0–{q.Choices.Count - 1})");
        }

        if (q.TimeLimitSeconds is { } limit && limit is < QuizQuestion.MinTimeLimit or > QuizQuestion.MaxTimeLimit)
        {
            yield return ("timeLimitSeconds", $"must be {QuizQuestion.MinTimeLimit}–{QuizQuestion.MaxTimeLimit} seconds");
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
            [.. QuestionLibrary<QuizQuestion>.Embedded(typeof(QuizContent).Assembly, ResourcePrefix),
             .. QuestionLibrary<QuizQuestion>.FromFolder(extraFolder, QuizCartridge.GameKey)]);
}
