using System.Globalization;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Content;

/// <summary>How one cell of a question table holds its value.</summary>
public enum QuestionColumnKind
{
    /// <summary>A line of text.</summary>
    Text,
    /// <summary>The question itself: a longer line of text.</summary>
    LongText,
    /// <summary>Several values separated by <c>|</c>.</summary>
    List,
    /// <summary><c>yes</c> or <c>no</c> (also <c>true</c>/<c>false</c>, <c>y</c>/<c>n</c>, <c>1</c>/<c>0</c>).</summary>
    YesNo,
    /// <summary>A whole number.</summary>
    Number,
}

/// <summary>One column of a game's question table: a CSV column, and a cell of the pack editor.</summary>
/// <param name="Name">The CSV header, e.g. <c>truth</c>.</param>
/// <param name="Label">What people read above the column.</param>
/// <param name="Help">One line on what goes in it.</param>
public sealed record QuestionColumn(string Name, string Label, QuestionColumnKind Kind, string Help)
{
    /// <summary>Whether every question needs a value here.</summary>
    public bool Required { get; init; }

    /// <summary>What a new row holds, and what a blank cell means.</summary>
    public string Default { get; init; } = string.Empty;

    /// <summary>The values <see cref="Help"/> names (a limit, the blank), so a screen in another language can word it around them.</summary>
    public IReadOnlyList<object> HelpArguments { get; init; } = [];

    /// <summary>
    /// The question's fields (as <see cref="QuestionFormat{TQuestion}.Check"/> and the content lint name them) whose
    /// problems this cell is marked for; the column's own name when not given.
    /// </summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>Whether a problem with the field <paramref name="field"/> belongs to this cell.</summary>
    public bool Shows(string field) => field == Name || Fields.Contains(field, StringComparer.Ordinal);
}

/// <summary>A game's questions as rows of text cells, whatever their shape: the CSV layout and the editor's table.</summary>
public interface IQuestionColumns
{
    /// <summary>The columns in their CSV order (without the optional leading <c>id</c> column).</summary>
    IReadOnlyList<QuestionColumn> Columns { get; }

    /// <summary>
    /// Reads one row. Cells that cannot be read (a number that is not one) add a (column, problem) pair and read as a
    /// value the game's rules then refuse; the game's rules themselves are checked elsewhere.
    /// </summary>
    IQuestion Read(string id, IReadOnlyDictionary<string, string> cells, ICollection<(string Field, FieldError Problem)> problems);

    /// <summary>One question as cells, column name → text.</summary>
    IReadOnlyDictionary<string, string> Write(IQuestion question);
}

/// <summary>
/// Declares a game's question table: its columns, how a row of cells becomes a question and back. The same
/// declaration is the game's CSV layout (one column per <see cref="QuestionColumn"/>) and the pack editor's table.
/// </summary>
public abstract class QuestionColumns<TQuestion> : IQuestionColumns where TQuestion : class, IQuestion
{
    /// <summary>Separates the values of a <see cref="QuestionColumnKind.List"/> cell.</summary>
    public const char ListSeparator = '|';

    private static readonly string[] Yes = ["yes", "y", "true", "t", "1"];
    private static readonly string[] No = ["no", "n", "false", "f", "0"];

    public abstract IReadOnlyList<QuestionColumn> Columns { get; }

    /// <summary>Builds the question from its cells.</summary>
    protected abstract TQuestion Read(string id, Cells cells);

    /// <summary>The question's cells.</summary>
    public abstract IReadOnlyDictionary<string, string> Write(TQuestion question);

    public TQuestion Read(string id, IReadOnlyDictionary<string, string> cells, ICollection<(string Field, FieldError Problem)> problems) =>
        Read(id, new Cells(this, cells, problems));

    IQuestion IQuestionColumns.Read(string id, IReadOnlyDictionary<string, string> cells, ICollection<(string Field, FieldError Problem)> problems) =>
        Read(id, cells, problems);

    IReadOnlyDictionary<string, string> IQuestionColumns.Write(IQuestion question) => Write((TQuestion)question);

    /// <summary>A list as one cell: <c>a | b | c</c>.</summary>
    protected static string JoinList(IEnumerable<string>? values) => string.Join($" {ListSeparator} ", values ?? []);

    protected static string YesNo(bool value) => value ? "yes" : "no";

    protected static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>The cells of one row being read, with the problems of cells that cannot be read.</summary>
    protected sealed class Cells(QuestionColumns<TQuestion> columns, IReadOnlyDictionary<string, string> values,
        ICollection<(string Field, FieldError Problem)> problems)
    {
        /// <summary>The cell's text, trimmed; a blank cell gives the column's default.</summary>
        public string Text(string column)
        {
            var value = values.TryGetValue(column, out var raw) ? raw?.Trim() ?? string.Empty : string.Empty;
            return value.Length > 0 ? value : DefaultOf(column);
        }

        /// <summary>The cell's values: split at <c>|</c>, trimmed, blanks left out.</summary>
        public IReadOnlyList<string> List(string column) =>
            [.. Text(column).Split(ListSeparator).Select(v => v.Trim()).Where(v => v.Length > 0)];

        public bool YesNo(string column)
        {
            var text = Text(column);
            if (Yes.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }

            if (!No.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add((column, LintProblems.YesOrNo(text)));
            }

            return false;
        }

        /// <summary>A whole number, or null for a blank cell.</summary>
        public int? Number(string column)
        {
            var text = Text(column);
            if (text.Length == 0)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            problems.Add((column, LintProblems.WholeNumber(text)));
            return null;
        }

        /// <summary>Marks a cell that cannot be read.</summary>
        public void Problem(string column, FieldError problem) => problems.Add((column, problem));

        private string DefaultOf(string column) => columns.Columns.FirstOrDefault(c => c.Name == column)?.Default ?? string.Empty;
    }
}
