using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Packs;

/// <summary>One question of a pack being saved: as read, the cells that could not be read, and how errors name its row.</summary>
/// <param name="Row">The key its errors are reported under, e.g. <c>questions[3]</c> or, from a CSV file, <c>rows[5]</c> (line 5).</param>
/// <param name="Unreadable">Cells that could not be read (a number that is not one), as (field, problem).</param>
public sealed record DraftQuestion(IQuestion Question, string Row, IReadOnlyList<(string Field, FieldError Problem)> Unreadable)
{
    public DraftQuestion(IQuestion question, int index) : this(question, $"questions[{index}]", [])
    {
    }
}

/// <summary>A pack as a host wrote, pasted or uploaded it, before it is checked and saved.</summary>
public sealed record PackDraft(string? Name, string? Game, string? Language, string? Description, IReadOnlyList<DraftQuestion> Questions);

/// <summary>
/// Pack files: the built-in JSON format (what <c>Content:ExtraPacksFolder</c> loads) and each game's CSV layout (its
/// <see cref="IQuestionColumns"/>, with an optional leading <c>id</c> column). Reading never half-succeeds: a file
/// is either read whole, or refused with <c>invalid_pack_file</c> saying where.
/// </summary>
public static class PackFiles
{
    public const string JsonContentType = "application/json";
    public const string CsvContentType = "text/csv";
    public const string IdColumn = "id";

    // A spreadsheet would run a cell starting with one of these as a formula; exports put ' in front, imports take it off.
    private const string FormulaStarts = "=+-@\t\r";

    /// <summary>Reads a pack file in the built-in JSON format. Its game is the file's <c>game</c>, else <paramref name="game"/>.</summary>
    public static Result<PackDraft> ReadJson(IReadOnlyDictionary<string, IPackQuestionMapper> mappers, string? game, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return PackErrors.InvalidFile(new FieldError("file_not_pack_object",
                    "The file is not a pack file: a pack is a JSON object { \"game\", \"pack\", \"name\", \"language\", \"questions\" }."));
            }
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            return PackErrors.InvalidFile(new FieldError("file_not_json", $"The file is not a pack file: it is not valid JSON (line {line}).", line));
        }

        var named = QuestionLibrary<PackOnly>.GameOf(json);
        if (named is not null && game is not null && named != game)
        {
            return PackErrors.InvalidFile(new FieldError("file_other_game", $"The file is a pack for '{named}', not '{game}'.", named, game));
        }

        game = named ?? game;
        if (game is null)
        {
            return PackErrors.InvalidFile(new FieldError("file_needs_game", "Say which game the pack is for: \"game\": \"bluff\" in the file, or ?game=bluff."));
        }

        if (!mappers.TryGetValue(game, out var mapper))
        {
            return PackErrors.InvalidFile(PackErrors.NoSuchGame(game, mappers.Keys));
        }

        try
        {
            var (info, questions) = mapper.ReadPackFile(json);
            return new PackDraft(info.Name, game, info.Language, info.Description, [.. questions.Select((q, i) => new DraftQuestion(q, i))]);
        }
        catch (QuestionPackException ex)
        {
            // The message says where ("pack: not a valid quiz pack ($.questions[2].correct): ...").
            var why = ex.Message.Replace("pack: ", string.Empty, StringComparison.Ordinal);
            return PackErrors.InvalidFile(new FieldError("file_not_pack", "The file is not a pack file: " + why, why));
        }
    }

    /// <summary>Reads rows in a game's CSV layout as questions (see <see cref="ReadCsvRows"/>).</summary>
    public static Result<IReadOnlyList<DraftQuestion>> ReadCsv(IPackQuestionMapper mapper, string text, int maxRows, char? separator = null)
    {
        var rows = ReadCsvRows(mapper.Columns, text, maxRows, separator);
        if (!rows.IsSuccess)
        {
            return rows.Error;
        }

        return rows.Value.Select(row =>
        {
            var problems = new List<(string Field, FieldError Problem)>();
            var question = mapper.Columns.Read(row.Cells.GetValueOrDefault(IdColumn, string.Empty).Trim(), row.Cells, problems);
            return new DraftQuestion(question, $"rows[{row.Line}]", problems);
        }).ToList();
    }

    /// <summary>
    /// Reads rows in a game's CSV layout as cells (column name → text). The first row is the header when it names
    /// columns of the layout (in any order, <c>id</c> optional); otherwise every row is data in the layout's order, as
    /// pasted from a spreadsheet. Values are separated by <paramref name="separator"/> (by default a tab when the text
    /// has one, else a comma).
    /// </summary>
    /// <param name="maxRows">More data rows than this are refused as too many questions.</param>
    public static Result<IReadOnlyList<(long Line, IReadOnlyDictionary<string, string> Cells)>> ReadCsvRows(IQuestionColumns layout, string text,
        int maxRows, char? separator = null)
    {
        var options = CsvReaderOptions.Default with
        {
            HasHeader = false,
            Separator = separator ?? (text.Contains('\t', StringComparison.Ordinal) ? '\t' : ','),
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
        };
        var rows = new List<(long Line, string[] Cells)>();
        try
        {
            using var reader = CsvReader.FromText(text, options);
            while (reader.Read())
            {
                var cells = reader.Current.ToArray();
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                rows.Add((reader.LineNumber, cells));
                if (rows.Count > maxRows + 1)
                {
                    break;
                }
            }
        }
        catch (CsvFormatException ex)
        {
            return PackErrors.InvalidFile(new FieldError("csv_unreadable", $"The CSV cannot be read at line {ex.LineNumber}: {ex.Message}", ex.LineNumber, ex.Message));
        }

        if (rows.Count == 0)
        {
            return PackErrors.InvalidFile(new FieldError("csv_no_rows", "The CSV has no rows."));
        }

        var header = Header(layout.Columns, rows[0].Cells);
        if (header.Problem is not null)
        {
            return PackErrors.InvalidFile(header.Problem);
        }

        var columns = header.Columns ?? [.. layout.Columns.Select(c => c.Name)];
        var data = header.Columns is null ? rows : rows.Skip(1).ToList();
        if (data.Count > maxRows)
        {
            return PackErrors.TooManyQuestions(data.Count, maxRows);
        }

        var read = new List<(long Line, IReadOnlyDictionary<string, string> Cells)>(data.Count);
        foreach (var (line, cells) in data)
        {
            if (cells.Length > columns.Count && cells.Skip(columns.Count).Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                var names = string.Join(", ", columns.Where(c => c.Length > 0));
                return PackErrors.InvalidFile(new FieldError("csv_too_many_values", $"Line {line} has {cells.Length} values; the columns are {names}.",
                    line, cells.Length, names));
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].Length > 0)
                {
                    values[columns[i]] = i < cells.Length ? Unescape(cells[i]) : string.Empty;
                }
            }

            read.Add((line, values));
        }

        return read;
    }

    /// <summary>A game's questions as CSV: a header, then one row per question, with the <c>id</c> column first.</summary>
    public static string WriteCsv(IPackQuestionMapper mapper, IReadOnlyList<IQuestion> questions)
    {
        var layout = mapper.Columns.Columns;
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = CsvWriter.Create(text, CsvWriterOptions.Default with { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            writer.WriteRecord([IdColumn, .. layout.Select(c => c.Name)]);
            foreach (var question in questions)
            {
                var cells = mapper.Columns.Write(question);
                writer.WriteRecord([question.Id, .. layout.Select(c => cells.GetValueOrDefault(c.Name, string.Empty))]);
            }
        }

        return text.ToString();
    }

    /// <summary>A file name (and pack key) from a pack's name: lower-case letters, digits and dashes.</summary>
    public static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if ((char.IsWhiteSpace(c) || c is '-' or '_') && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? "pack" : text[..Math.Min(text.Length, 40)];
    }

    private static (IReadOnlyList<string>? Columns, FieldError? Problem) Header(IReadOnlyList<QuestionColumn> layout, string[] first)
    {
        var known = layout.Select(c => c.Name).Prepend(IdColumn).ToList();
        var names = first.Select(c => c.Trim()).ToList();
        var matched = names.Select(n => known.FirstOrDefault(k => string.Equals(k, n, StringComparison.OrdinalIgnoreCase))).ToList();
        // A header names columns; a first row of data does not name a single one (an empty cell names none either).
        if (!matched.Any(m => m is not null))
        {
            return (null, null);
        }

        var unknown = names.Where((n, i) => matched[i] is null && n.Length > 0).ToList();
        if (unknown.Count > 0)
        {
            return (null, new FieldError("csv_unknown_column",
                $"The CSV has a column '{unknown[0]}' this game's packs do not have. The columns are {string.Join(", ", known)}.",
                unknown[0], string.Join(", ", known)));
        }

        var twice = matched.Where(m => m is not null).GroupBy(m => m).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            return (null, new FieldError("csv_column_twice", $"The CSV has the column '{twice.Key}' twice.", twice.Key!));
        }

        var missing = layout.Where(c => c.Required && !matched.Contains(c.Name)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            var required = string.Join(", ", layout.Where(c => c.Required).Select(c => c.Name));
            return (null, new FieldError("csv_missing_column",
                $"The CSV has no column '{missing[0]}'. The columns are {string.Join(", ", known)} ({required} required).",
                missing[0], string.Join(", ", known), required));
        }

        return ([.. matched.Select(m => m ?? string.Empty)], null);
    }

    private static string Unescape(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && FormulaStarts.Contains(cell[1], StringComparison.Ordinal) ? cell[1..] : cell;

    /// <summary>Only to read a pack's game before its shape is known.</summary>
    private sealed record PackOnly(string Id, string Category, bool FamilyFriendly, string? Source) : IQuestion;
}
