using System.Globalization;
using System.Text;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Text;

namespace PartyProtocol.Core.Content;

/// <summary>
/// The content lint every game's packs meet, at start-up, in the suite and when people write their own: a required
/// field missing; the game's own rules (<see cref="QuestionFormat{TQuestion}.Check"/>); an answer that appears in the
/// sentence itself; an answer with control, bidi or invisible characters (<see cref="TypedText"/>); a wrong answer
/// equal to a right one after normalisation (case, accents, punctuation, articles, look-alike characters through
/// <see cref="AnswerText.Fold"/>); a wrong answer given twice; two questions that are near-duplicates (the same truth, or
/// sentences that share most of their words); an id used twice.
/// </summary>
public static class ContentLint
{
    /// <summary>
    /// Sentences whose content words overlap at least this much (shared words over all words of both, the Jaccard
    /// index) are near-duplicates.
    /// </summary>
    public const double NearDuplicateOverlap = 0.6;

    /// <summary>The longest category name.</summary>
    public const int MaxCategoryLength = 40;

    /// <summary>The longest source.</summary>
    public const int MaxSourceLength = 200;

    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal) { "a", "an", "the", "en", "et", "den", "det", "de" };

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "in", "on", "to", "is", "was", "and", "or", "for", "by", "its", "it", "as", "at", "with", "from",
        "that", "this", "what", "which", "who", "how", "are", "were", "be", "has", "had", "have", "blank",
        "en", "et", "den", "det", "de", "er", "var", "og", "i", "på", "af", "til", "med", "som", "hvad", "hvilken", "hvilket", "hvor", "har",
    };

    /// <summary>Every problem of the given packs, checked together (ids and near-duplicates across all of them).</summary>
    /// <param name="requireSource">Shipped packs must name a source for every question; people's own packs need not.</param>
    public static IReadOnlyList<ContentProblem> Check<TQuestion>(QuestionFormat<TQuestion> format,
        IEnumerable<(PackInfo Pack, IReadOnlyList<TQuestion> Questions)> packs, bool requireSource)
        where TQuestion : class, IQuestion =>
        Check(format, packs.Select(p => (p.Pack with { RequireSource = requireSource }, p.Questions)));

    /// <summary>
    /// Every problem of the given packs, checked together (ids and near-duplicates across all of them); each pack says
    /// whether its questions must name a source (<see cref="PackInfo.RequireSource"/>).
    /// </summary>
    public static IReadOnlyList<ContentProblem> Check<TQuestion>(QuestionFormat<TQuestion> format,
        IEnumerable<(PackInfo Pack, IReadOnlyList<TQuestion> Questions)> packs)
        where TQuestion : class, IQuestion
    {
        var problems = new List<ContentProblem>();
        var all = new List<(PackInfo Pack, int Number, TQuestion Question)>();
        foreach (var (pack, questions) in packs)
        {
            if (string.IsNullOrWhiteSpace(pack.Pack))
            {
                problems.Add(new ContentProblem(pack.File, null, null, "pack", LintProblems.Missing));
            }

            if (string.IsNullOrWhiteSpace(pack.Language))
            {
                problems.Add(new ContentProblem(pack.File, null, null, "language", LintProblems.LanguageMissing));
            }

            for (var i = 0; i < questions.Count; i++)
            {
                problems.AddRange(CheckQuestion(format, pack.File, i + 1, questions[i], pack.RequireSource));
                all.Add((pack, i + 1, questions[i]));
            }
        }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (pack, number, question) in all.Where(q => !string.IsNullOrWhiteSpace(q.Question.Id)))
        {
            if (!ids.TryAdd(question.Id, pack.File))
            {
                problems.Add(new ContentProblem(pack.File, number, question.Id, "id", LintProblems.IdRepeated(ids[question.Id])));
            }
        }

        problems.AddRange(NearDuplicates(format, all));
        return problems;
    }

    /// <summary>The problems of one question on its own (the shared rules and the game's).</summary>
    /// <param name="number">The question's position in its file (1-based), for messages.</param>
    public static IEnumerable<ContentProblem> CheckQuestion<TQuestion>(QuestionFormat<TQuestion> format, string file, int number, TQuestion question,
        bool requireSource)
        where TQuestion : class, IQuestion
    {
        var id = string.IsNullOrWhiteSpace(question.Id) ? null : question.Id;
        ContentProblem Problem(string field, FieldError problem) => new(file, number, id, field, problem);

        if (id is null)
        {
            yield return Problem("id", LintProblems.Missing);
        }

        if (string.IsNullOrWhiteSpace(question.Category))
        {
            yield return Problem("category", LintProblems.Missing);
        }
        else if (question.Category.Trim().Length > MaxCategoryLength)
        {
            yield return Problem("category", LintProblems.LongerThan(MaxCategoryLength));
        }

        if (requireSource && string.IsNullOrWhiteSpace(question.Source))
        {
            yield return Problem("source", LintProblems.SourceMissing);
        }
        else if (question.Source is { } source && source.Trim().Length > MaxSourceLength)
        {
            yield return Problem("source", LintProblems.LongerThan(MaxSourceLength));
        }

        var own = format.Check(question).ToList();
        foreach (var (field, problem) in own)
        {
            yield return Problem(field, problem);
        }

        if (own.Count > 0)
        {
            // The shared rules below read fields the game's own rules found missing or malformed.
            yield break;
        }

        var sentence = Words(format.Sentence(question));
        var rights = format.RightAnswers(question);
        var rightKeys = rights.Select(Key).ToHashSet(StringComparer.Ordinal);
        foreach (var answer in rights.Concat(format.WrongAnswers(question)))
        {
            if (Contains(sentence, Words(answer)))
            {
                yield return Problem("text", LintProblems.GivesAnswerAway(answer));
            }

            // Answers are shown as lies are: the rules for typed text hold for them too.
            if (TypedText.HasForbiddenCharacters(answer))
            {
                yield return Problem("answers", LintProblems.ForbiddenCharacters(answer));
            }
        }

        var wrongKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var wrong in format.WrongAnswers(question))
        {
            var key = Key(wrong);
            if (rightKeys.Contains(key))
            {
                yield return Problem("decoys", LintProblems.IsRightAnswer(wrong));
            }
            else if (!wrongKeys.Add(key))
            {
                yield return Problem("decoys", LintProblems.Twice(wrong));
            }
        }
    }

    /// <summary>
    /// The comparison key of an answer for the lint: <see cref="AnswerText.Key(string?)"/> without a leading article, so "a
    /// turkey", "The Turkey!" and "turkey" are one answer.
    /// </summary>
    public static string Key(string? answer)
    {
        var words = Words(answer);
        if (words.Count > 1 && Articles.Contains(words[0]))
        {
            words.RemoveAt(0);
        }

        return string.Concat(words);
    }

    /// <summary>The words of a text, compared the way answers are (lower case, accents and look-alikes folded).</summary>
    public static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var current = new StringBuilder();
        foreach (var rune in text.Normalize(NormalizationForm.FormKD).EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                AnswerText.AppendFolded(current, rune);
            }
            else if (Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static bool Contains(List<string> sentence, List<string> phrase)
    {
        if (phrase.Count == 0 || phrase.Count > sentence.Count)
        {
            return false;
        }

        for (var i = 0; i + phrase.Count <= sentence.Count; i++)
        {
            if (sentence.Skip(i).Take(phrase.Count).SequenceEqual(phrase, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<ContentProblem> NearDuplicates<TQuestion>(QuestionFormat<TQuestion> format,
        List<(PackInfo Pack, int Number, TQuestion Question)> all)
        where TQuestion : class, IQuestion
    {
        var prepared = all
            .Where(x => !string.IsNullOrWhiteSpace(x.Question.Id) && !format.Check(x.Question).Any())
            .Select(x => (x.Pack, x.Number, x.Question, Answer: format.DuplicateKey(x.Question) is { } k ? Key(k) : null,
                Content: Words(format.Sentence(x.Question)).Where(w => !StopWords.Contains(w)).ToHashSet(StringComparer.Ordinal)))
            .ToList();
        for (var i = 0; i < prepared.Count; i++)
        {
            for (var j = i + 1; j < prepared.Count; j++)
            {
                var (a, b) = (prepared[i], prepared[j]);
                if (!string.Equals(a.Pack.Language, b.Pack.Language, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (a.Answer is { Length: > 0 } && a.Answer == b.Answer)
                {
                    yield return new ContentProblem(b.Pack.File, b.Number, b.Question.Id, "truth", LintProblems.SameAnswerAs(a.Question.Id, a.Pack.File));
                    continue;
                }

                var shared = a.Content.Count(b.Content.Contains);
                var union = a.Content.Count + b.Content.Count - shared;
                if (Math.Min(a.Content.Count, b.Content.Count) >= 3 && shared >= NearDuplicateOverlap * union)
                {
                    yield return new ContentProblem(b.Pack.File, b.Number, b.Question.Id, "text",
                        LintProblems.NearlyRepeats(a.Question.Id, a.Pack.File, shared, union));
                }
            }
        }
    }
}
