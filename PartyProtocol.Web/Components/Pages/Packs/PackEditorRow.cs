using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Components.Pages.Packs;

/// <summary>
/// One question in the pack editor: its cells as typed (column name → text), and the problems the game's rules find.
/// A row shows its problems once it was edited, pasted in, or saved, so a fresh empty row is not a wall of red.
/// </summary>
public sealed class PackEditorRow
{
    private static long _next;

    public PackEditorRow(string id, IReadOnlyDictionary<string, string> cells)
    {
        Id = id;
        Cells = new Dictionary<string, string>(cells, StringComparer.Ordinal);
    }

    /// <summary>Stable across reorders, for Blazor's diffing.</summary>
    public long Key { get; } = Interlocked.Increment(ref _next);

    /// <summary>The question's id when it is already saved in the pack; empty for a new one (the server names it).</summary>
    public string Id { get; }

    public Dictionary<string, string> Cells { get; }

    public bool Touched { get; set; }

    public IReadOnlyList<(string Field, FieldError Problem)> Problems { get; set; } = [];

    public string Cell(string column) => Cells.GetValueOrDefault(column, string.Empty);

    /// <summary>The problems shown on the cell of <paramref name="column"/> (the cell says which field: "is missing").</summary>
    public IReadOnlyList<FieldError> ProblemsOf(QuestionColumn column) =>
        Touched ? [.. Problems.Where(p => column.Shows(p.Field)).Select(p => p.Problem)] : [];

    /// <summary>The problems no cell shows (those of the question as a whole), each naming its field.</summary>
    public IReadOnlyList<FieldError> RowProblems(IReadOnlyList<QuestionColumn> columns) =>
        Touched ? [.. Problems.Where(p => !columns.Any(c => c.Shows(p.Field))).Select(p => LintProblems.OnField(p.Field, p.Problem))] : [];

    public bool HasProblems => Touched && Problems.Count > 0;

    /// <summary>Whether any cell contains <paramref name="text"/>, for the editor's search.</summary>
    public bool Matches(string text) => Cells.Values.Any(v => v.Contains(text, StringComparison.CurrentCultureIgnoreCase));
}
