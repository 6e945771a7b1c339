using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Localization;
using PartyProtocol.Web.Packs;

namespace PartyProtocol.Web.Components.Pages.Packs;

public partial class PackEditor
{
    private List<PackEditorRow> _rows = [];
    private Dictionary<string, string> _metaErrors = new(StringComparer.Ordinal);
    private string _name = string.Empty;
    private string _language = "en";
    private string _description = string.Empty;
    private string _search = string.Empty;
    private string _bulkText = string.Empty;
    private bool _bulkOpen;
    private string? _bulkError;
    private string? _problem;
    private string? _notice;
    private bool _saving;
    private (string Game, long? Id, DateTimeOffset? UpdatedAt)? _loadedFrom;

    [Inject]
    private PackService Packs { get; set; } = default!;

    /// <summary>The game the pack is for (its cartridge key).</summary>
    [Parameter, EditorRequired]
    public string Game { get; set; } = default!;

    /// <summary>The signed-in account that owns the pack.</summary>
    [Parameter, EditorRequired]
    public string OwnerId { get; set; } = default!;

    /// <summary>The pack to edit, or null to write a new one.</summary>
    [Parameter]
    public PackDetails? Pack { get; set; }

    [Parameter]
    public EventCallback<PackDetails> OnSaved { get; set; }

    private bool Interactive => RendererInfo.IsInteractive;

    private IPackQuestionMapper Mapper => Packs.MapperFor(Game) ?? throw new InvalidOperationException($"'{Game}' has no own packs.");

    private IReadOnlyList<QuestionColumn> Columns => Mapper.Columns.Columns;

    private string Label(QuestionColumn column) => PackColumnText.Label(column, Game, T);

    private string Help(QuestionColumn column) => PackColumnText.Help(column, Game, T);

    /// <summary>The rows the search lets through, with their place in the pack.</summary>
    private IEnumerable<(PackEditorRow Row, int Index)> Visible => _rows
        .Select((row, index) => (row, index))
        .Where(r => string.IsNullOrWhiteSpace(_search) || r.row.Matches(_search.Trim()));

    protected override void OnParametersSet()
    {
        // A parent re-rendering must not wipe what the host typed: reload only for another pack or a newer save.
        var source = (Game, Pack?.Pack.Id, Pack?.Pack.UpdatedAt);
        if (_loadedFrom == source)
        {
            return;
        }

        _loadedFrom = source;
        _name = Pack?.Pack.Name ?? string.Empty;
        _language = Pack?.Pack.Language ?? "en";
        _description = Pack?.Pack.Description ?? string.Empty;
        _rows = Pack is null
            ? [NewRow()]
            : [.. Pack.Questions.Select(q => new PackEditorRow(q.Id, Mapper.Columns.Write(q)))];
        _metaErrors = new Dictionary<string, string>(StringComparer.Ordinal);
        _problem = null;
        foreach (var row in _rows)
        {
            Check(row);
        }
    }

    private PackEditorRow NewRow() => new(string.Empty, Columns.ToDictionary(c => c.Name, c => c.Default, StringComparer.Ordinal));

    private static bool IsYes(PackEditorRow row, QuestionColumn column) =>
        (row.Cell(column.Name) is { Length: > 0 } text ? text : column.Default).Trim().ToLowerInvariant() is "yes" or "y" or "true" or "t" or "1";

    private void YesNoChanged(PackEditorRow row, QuestionColumn column, bool value) => CellChanged(row, column, value ? "yes" : "no");

    private void CellChanged(PackEditorRow row, QuestionColumn column, string? value)
    {
        row.Cells[column.Name] = value ?? string.Empty;
        row.Touched = true;
        _notice = null;
        Check(row);
    }

    /// <summary>Checks one row on its own with the game's rules (what is between rows is checked on save).</summary>
    private void Check(PackEditorRow row)
    {
        var unreadable = new List<(string Field, FieldError Problem)>();
        var question = Mapper.Columns.Read(row.Id, row.Cells, unreadable);
        row.Problems = Packs.CheckQuestion(Game, question, string.IsNullOrWhiteSpace(_name) ? "Own" : _name, unreadable);
    }

    private void AddRow()
    {
        if (!HasRoomFor(1))
        {
            return;
        }

        _rows.Add(NewRow());
        _search = string.Empty;
        Check(_rows[^1]);
    }

    private void Delete(int index)
    {
        _rows.RemoveAt(index);
        _notice = null;
    }

    private void Move(int index, int by)
    {
        var to = index + by;
        if (to < 0 || to >= _rows.Count)
        {
            return;
        }

        (_rows[index], _rows[to]) = (_rows[to], _rows[index]);
        _notice = null;
    }

    private bool HasRoomFor(int more)
    {
        var max = Packs.Options.MaxQuestionsPerPack;
        if (_rows.Count + more <= max)
        {
            return true;
        }

        _problem = T["PackEditor_TooMany", max, _rows.Count, more];
        return false;
    }

    private void PasteRows()
    {
        _bulkError = AddRows(_bulkText);
        if (_bulkError is null)
        {
            _bulkText = string.Empty;
        }
    }

    /// <summary>Reads rows in the game's CSV layout (header optional, tab or comma separated) and adds them after the others.</summary>
    private string? AddRows(string text)
    {
        var read = PackFiles.ReadCsvRows(Mapper.Columns, text, Packs.Options.MaxQuestionsPerPack);
        if (!read.IsSuccess)
        {
            return Problem(read.Error);
        }

        return Append([.. read.Value.Select(r => new PackEditorRow(string.Empty, r.Cells))]);
    }

    private string? Append(IReadOnlyList<PackEditorRow> rows)
    {
        // An empty first row (the one a new pack starts with) makes way for what was pasted.
        if (_rows is [var only] && only.Id.Length == 0 && !only.Touched && rows.Count > 0)
        {
            _rows.Clear();
        }

        if (!HasRoomFor(rows.Count))
        {
            return _problem;
        }

        foreach (var row in rows)
        {
            row.Touched = true;
            Check(row);
            _rows.Add(row);
        }

        _problem = null;
        _search = string.Empty;
        _notice = T.Plural("PackEditor_Added", rows.Count);
        return null;
    }

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        var (text, tooLarge) = await PackUpload.ReadAsync(e.File, Packs.Options.MaxFileBytes);
        _bulkError = tooLarge is null ? null : FieldText.Word(tooLarge, T);
        if (text is null)
        {
            return;
        }

        if (!PackUpload.IsJson(e.File))
        {
            _bulkError = AddRows(text);
            return;
        }

        var file = PackFiles.ReadJson(Packs.Mappers, Game, text);
        if (!file.IsSuccess)
        {
            _bulkError = Problem(file.Error);
            return;
        }

        if (string.IsNullOrWhiteSpace(_name) && file.Value.Name is { } name)
        {
            _name = name;
        }

        _bulkError = Append([.. file.Value.Questions.Select(d => new PackEditorRow(string.Empty, Mapper.Columns.Write(d.Question)))]);
    }

    private async Task SaveAsync()
    {
        if (_saving)
        {
            return;
        }

        _saving = true;
        _problem = null;
        _notice = null;
        _metaErrors = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var questions = _rows.Select((row, i) =>
            {
                var unreadable = new List<(string Field, FieldError Problem)>();
                var question = Mapper.Columns.Read(row.Id, row.Cells, unreadable);
                return new DraftQuestion(question, $"questions[{i}]", unreadable);
            }).ToList();
            var draft = new PackDraft(_name, Game, _language, _description, questions);
            var saved = Pack is null
                ? await Packs.CreateAsync(OwnerId, draft)
                : await Packs.UpdateAsync(OwnerId, Pack.Pack.Id, draft);
            if (saved.IsSuccess)
            {
                _notice = T.Plural("PackEditor_Saved", saved.Value.Questions.Count, saved.Value.Pack.Name);
                await OnSaved.InvokeAsync(saved.Value);
                return;
            }

            Show(saved.Error);
        }
        finally
        {
            _saving = false;
        }
    }

    /// <summary>Puts each of the service's problems where it belongs: on the pack's fields, or on the row and cell it names.</summary>
    private void Show(GameError error)
    {
        var byRow = new Dictionary<int, List<(string Field, FieldError Problem)>>();
        foreach (var (key, problems) in error.AllFieldErrors())
        {
            if (QuestionKey().Match(key) is { Success: true } match)
            {
                var index = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var field = match.Groups[2].Value;
                var list = byRow.TryGetValue(index, out var existing) ? existing : byRow[index] = [];
                // The service says "truth is …"; on the cell, the field's name goes without saying.
                list.AddRange(problems.Select(p => (field, p is { Code: "question_field", Arguments: [_, FieldError problem] } ? problem : p)));
            }
            else if (key is "name" or "language" or "description")
            {
                _metaErrors[key] = string.Join(" ", problems.Select(p => FieldText.Word(p, T)));
            }
        }

        foreach (var (index, problems) in byRow)
        {
            if (index < _rows.Count)
            {
                _rows[index].Touched = true;
                _rows[index].Problems = problems;
            }
        }

        if (byRow.Count > 0)
        {
            _search = string.Empty;
        }

        _problem = Problem(error);
    }

    /// <summary>
    /// A refusal as one line above the buttons: for problems of the pack's fields and rows, the first of them (and how
    /// many more there are below); otherwise the refusal's own sentence.
    /// </summary>
    private string Problem(GameError error)
    {
        var fields = error.AllFieldErrors();
        if (error.Code != ErrorCodes.InvalidInput || fields.Count == 0)
        {
            // A file that cannot be read says why (the line, the column), not only that it is no pack.
            return fields.TryGetValue("file", out var file) && file is [{ Code.Length: > 0 } why]
                ? FieldText.Word(why, T)
                : ProblemText.Detail(error, T);
        }

        var (key, problems) = fields.First();
        var first = FieldText.Word(problems[0], T).TrimEnd('.');
        var line = QuestionKey().Match(key) is { Success: true } row
            ? T["PackEditor_InQuestion", int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1, first].Value
            : first;
        var more = fields.Sum(f => f.Value.Length) - 1;
        return more > 0 ? $"{line}. {T.Plural("PackEditor_MoreBelow", more)}" : $"{line}.";
    }

    [GeneratedRegex(@"^questions\[(\d+)\]\.(.+)$")]
    private static partial Regex QuestionKey();
}
