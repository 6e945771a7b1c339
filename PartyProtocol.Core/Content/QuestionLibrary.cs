using System.Reflection;
using System.Text.Json;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Content;

/// <summary>
/// One game's questions: the packs it ships (embedded in its folder) and any extra packs an operator adds, parsed
/// strictly and checked by <see cref="ContentLint"/> when loaded. A pack that breaks a rule stops the load with the
/// file, the question and the field named — at start-up, not in the middle of a party.
/// </summary>
/// <typeparam name="TQuestion">The game's question record.</typeparam>
public sealed class QuestionLibrary<TQuestion> : IQuestionLibrary where TQuestion : class, IQuestion
{
    private readonly Dictionary<string, PackedQuestion<TQuestion>> _byId;

    /// <param name="format">The game's question shape and rules.</param>
    /// <param name="files">Pack files as (file name, JSON).</param>
    /// <param name="requireSource">Whether every question of <paramref name="files"/> must name its source (true for what PartyProtocol ships).</param>
    /// <param name="extraFiles">
    /// Packs an operator added (<c>Content:ExtraPacksFolder</c>), such as packs hosts wrote in the app and exported: held to
    /// the same rules, checked together with <paramref name="files"/>, except that a source is not required.
    /// </param>
    /// <exception cref="QuestionPackException">A pack is malformed or breaks a content rule.</exception>
    public QuestionLibrary(QuestionFormat<TQuestion> format, IEnumerable<(string File, string Json)> files, bool requireSource = true,
        IEnumerable<(string File, string Json)>? extraFiles = null)
    {
        Format = format;
        var packs = files.Select(f => Parse(format, f.File, f.Json))
            .Select(p => (Info: p.Info with { RequireSource = requireSource }, p.Questions))
            .Concat((extraFiles ?? []).Select(f => Parse(format, f.File, f.Json)).Select(p => (Info: p.Info with { RequireSource = false }, p.Questions)))
            .ToList();
        var problems = ContentLint.Check(format, packs.Select(p => (p.Info, p.Questions)));
        if (problems.Count > 0)
        {
            throw new QuestionPackException(problems);
        }

        Entries = [.. packs.SelectMany(p => p.Questions.Select(q => new PackedQuestion<TQuestion>(q, p.Info)))];
        if (Entries.Count == 0)
        {
            throw new QuestionPackException($"No {format.GameKey} questions were loaded: at least one pack is needed.");
        }

        Packs = [.. packs.Select(p => p.Info)];
        _byId = Entries.ToDictionary(e => e.Question.Id, StringComparer.Ordinal);
    }

    public QuestionFormat<TQuestion> Format { get; }

    public string GameKey => Format.GameKey;

    public int Count => Entries.Count;

    /// <summary>Every question with its pack, in file order.</summary>
    public IReadOnlyList<PackedQuestion<TQuestion>> Entries { get; }

    public IReadOnlyList<PackInfo> Packs { get; }

    public IEnumerable<TQuestion> Questions => Entries.Select(e => e.Question);

    public IEnumerable<string> Categories => Entries.Select(e => e.Question.Category).Distinct(StringComparer.Ordinal);

    public IEnumerable<string> Languages => Packs.Select(p => p.Language).Distinct(StringComparer.OrdinalIgnoreCase);

    public TQuestion? Find(string id) => _byId.GetValueOrDefault(id)?.Question;

    public int CountIn(string pack) => Entries.Count(e => e.Pack.Pack == pack);

    public PackedQuestion<TQuestion>? Entry(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The pack files embedded in <paramref name="assembly"/> whose resource names start with <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<(string File, string Json)> Embedded(Assembly assembly, string prefix) =>
        [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (File: n[prefix.Length..], Json: ReadResource(assembly, n)))];

    /// <summary>
    /// The packs of <paramref name="gameKey"/> in a folder of extra packs: its <c>*.json</c> files whose <c>game</c> is
    /// this game, and every <c>*.json</c> in its subfolder named after the game (<c>extra/quiz/*.json</c>).
    /// </summary>
    public static IReadOnlyList<(string File, string Json)> FromFolder(string? folder, string gameKey)
    {
        if (folder is null || !Directory.Exists(folder))
        {
            return [];
        }

        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .Select(f => (File: Path.GetFileName(f), Json: File.ReadAllText(f)))
            .Where(f => GameOf(f.Json) == gameKey)
            .ToList();
        var own = Path.Combine(folder, gameKey);
        if (Directory.Exists(own))
        {
            files.AddRange(Directory.GetFiles(own, "*.json").Order(StringComparer.Ordinal)
                .Select(f => (File: Path.Combine(gameKey, Path.GetFileName(f)), Json: File.ReadAllText(f))));
        }

        return files;
    }

    /// <summary>The <c>game</c> a pack file names, or null when it names none or is not a JSON object.</summary>
    public static string? GameOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("game", out var game) && game.ValueKind == JsonValueKind.String
                    ? game.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Parses one pack file strictly (unknown fields and wrong types are refused).</summary>
    public static (PackInfo Info, IReadOnlyList<TQuestion> Questions) Parse(QuestionFormat<TQuestion> format, string file, string json)
    {
        QuestionPack<TQuestion>? pack;
        try
        {
            pack = JsonSerializer.Deserialize<QuestionPack<TQuestion>>(json, GameJson.Strict);
        }
        catch (JsonException ex)
        {
            throw new QuestionPackException($"{file}: not a valid {format.GameKey} pack ({ex.Path}): {ex.Message}", ex);
        }

        if (pack?.Questions is null)
        {
            throw new QuestionPackException($"{file}: field 'questions' is missing.");
        }

        if (pack.Game is not null && pack.Game != format.GameKey)
        {
            throw new QuestionPackException($"{file}: is a pack for '{pack.Game}', not {format.GameKey}.");
        }

        var nulls = pack.Questions.Select((q, i) => (q, i)).Where(x => x.q is null).Select(x => x.i + 1).ToList();
        if (nulls.Count > 0)
        {
            throw new QuestionPackException($"{file}: question #{nulls[0]} is null.");
        }

        return (new PackInfo(pack.Pack, pack.Name ?? pack.Pack, pack.Language, file) { Description = pack.Description }, pack.Questions);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
