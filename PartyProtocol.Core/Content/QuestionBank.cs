using System.Reflection;
using System.Text.Json;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Content;

/// <summary>A question pack failed validation: the message names the file, the question and the field.</summary>
public sealed class QuestionPackException : Exception
{
    public QuestionPackException()
    {
    }

    public QuestionPackException(string message) : base(message)
    {
    }

    public QuestionPackException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>
/// All questions, loaded from the packs embedded in this assembly (and optionally from a folder of extra JSON
/// packs). Validation runs at load: a bad pack stops start-up with the file, question and field named.
/// </summary>
public sealed class QuestionBank
{
    private const string ResourcePrefix = "PartyProtocol.Core.Content.Packs.";

    public QuestionBank(IEnumerable<(string File, string Json)> packs)
    {
        var questions = new List<Question>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, json) in packs)
        {
            foreach (var question in Parse(file, json))
            {
                if (!ids.TryAdd(question.Id, file))
                {
                    throw new QuestionPackException($"{file}: question '{question.Id}': field 'id' repeats an id already used in {ids[question.Id]}.");
                }

                questions.Add(question);
            }
        }

        if (questions.Count == 0)
        {
            throw new QuestionPackException("No questions were loaded: at least one pack is needed.");
        }

        Questions = questions;
    }

    public IReadOnlyList<Question> Questions { get; }

    public IEnumerable<string> Categories => Questions.Select(q => q.Category).Distinct();

    public Question? Find(string id) => Questions.FirstOrDefault(q => q.Id == id);

    /// <summary>The packs shipped inside PartyProtocol.Core, plus every <c>*.json</c> in <paramref name="extraFolder"/>.</summary>
    public static QuestionBank LoadDefault(string? extraFolder = null)
    {
        var assembly = typeof(QuestionBank).Assembly;
        var packs = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (File: n[ResourcePrefix.Length..], Json: ReadResource(assembly, n)))
            .ToList();
        if (extraFolder is not null && Directory.Exists(extraFolder))
        {
            packs.AddRange(Directory.GetFiles(extraFolder, "*.json").Order(StringComparer.Ordinal)
                .Select(f => (File: Path.GetFileName(f), Json: File.ReadAllText(f))));
        }

        return new QuestionBank(packs);
    }

    /// <summary>Parses and validates one pack file.</summary>
    public static IReadOnlyList<Question> Parse(string file, string json)
    {
        QuestionPack? pack;
        try
        {
            pack = JsonSerializer.Deserialize<QuestionPack>(json, GameJson.Strict);
        }
        catch (JsonException ex)
        {
            throw new QuestionPackException($"{file}: not a valid pack ({ex.Path}): {ex.Message}", ex);
        }

        if (pack?.Questions is null)
        {
            throw new QuestionPackException($"{file}: field 'questions' is missing.");
        }

        for (var i = 0; i < pack.Questions.Count; i++)
        {
            Validate(file, i, pack.Questions[i]);
        }

        return pack.Questions;
    }

    private static void Validate(string file, int index, Question? q)
    {
        var where = $"{file}: question #{index + 1}" + (string.IsNullOrWhiteSpace(q?.Id) ? string.Empty : $" '{q!.Id}'");
        void Fail(string field, string problem) => throw new QuestionPackException($"{where}: field '{field}' {problem}.");

        if (q is null)
        {
            throw new QuestionPackException($"{where}: is null.");
        }

        if (string.IsNullOrWhiteSpace(q.Id))
        {
            Fail("id", "is missing");
        }

        if (string.IsNullOrWhiteSpace(q.Category))
        {
            Fail("category", "is missing");
        }

        if (string.IsNullOrWhiteSpace(q.Text))
        {
            Fail("text", "is missing");
        }
        else if (q.Text.Split(Question.Blank).Length != 2)
        {
            Fail("text", $"must contain exactly one {Question.Blank}");
        }

        if (string.IsNullOrWhiteSpace(q.Truth) || q.Truth.Trim().Length > 60)
        {
            Fail("truth", "must be 1–60 characters");
        }
        else if (AnswerText.Key(q.Truth).Length == 0)
        {
            Fail("truth", "needs at least one letter or digit");
        }

        if (q.Alternates is null)
        {
            Fail("alternates", "is missing (use [] for none)");
        }

        // An answer without a letter or digit has an empty comparison key: it would match nothing a player can type,
        // and a decoy like that could never be submitted as a lie-for-me lie.
        foreach (var alternate in q.Alternates!)
        {
            if (AnswerText.Key(alternate).Length == 0)
            {
                Fail("alternates", $"has '{alternate}', which has no letter or digit");
            }
        }

        if (q.Decoys is null || q.Decoys.Count < 2)
        {
            Fail("decoys", "needs at least 2 entries");
        }

        var truths = q.Alternates!.Append(q.Truth).Select(AnswerText.Key).ToHashSet();
        var seen = new HashSet<string>();
        foreach (var decoy in q.Decoys!)
        {
            if (string.IsNullOrWhiteSpace(decoy) || decoy.Trim().Length > 60)
            {
                Fail("decoys", "has an entry that is empty or longer than 60 characters");
            }

            var key = AnswerText.Key(decoy);
            if (key.Length == 0)
            {
                Fail("decoys", $"has '{decoy}', which has no letter or digit");
            }

            if (truths.Contains(key))
            {
                Fail("decoys", $"has '{decoy}', which equals the truth");
            }

            if (!seen.Add(key))
            {
                Fail("decoys", $"has '{decoy}' twice");
            }
        }
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
