using System.Text.Json;
using Microsoft.AspNetCore.Components;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Components.Pages.Host;
using PartyProtocol.Web.Localization;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Web.Components.Pages.Presets;

public partial class PresetForm
{
    private const string SettingsPrefix = "settings.";
    private const int PresetNameLength = PartyProtocol.Web.Presets.Preset.MaxNameLength;

    private List<SettingField> _fields = [];
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private string _name = string.Empty;
    private IReadOnlyList<string>? _packs;
    private string? _problem;
    private bool _saving;
    private (string Game, long? Id, DateTimeOffset? UpdatedAt)? _loadedFrom;

    [Inject]
    private PresetService PresetService { get; set; } = default!;

    /// <summary>The game whose settings the preset holds.</summary>
    [Parameter, EditorRequired]
    public ICartridge Game { get; set; } = default!;

    /// <summary>The signed-in account that owns the preset.</summary>
    [Parameter, EditorRequired]
    public string OwnerId { get; set; } = default!;

    /// <summary>The preset to edit, or null to create one.</summary>
    [Parameter]
    public PresetView? Preset { get; set; }

    [Parameter]
    public EventCallback<PresetView> OnSaved { get; set; }

    [Parameter]
    public EventCallback OnCancel { get; set; }

    private bool Interactive => RendererInfo.IsInteractive;

    protected override void OnParametersSet()
    {
        // A parent re-rendering must not wipe what the user typed: reload only for another game or preset.
        var source = (Game.Key, Preset?.Id, Preset?.UpdatedAt);
        if (_loadedFrom == source)
        {
            return;
        }

        _loadedFrom = source;
        _name = Preset?.Name ?? string.Empty;
        _packs = Preset?.Packs;
        _errors = new Dictionary<string, string[]>();
        _problem = null;
        _fields = [.. Game.Settings.Select(setting => new SettingField(setting))];
        foreach (var field in _fields)
        {
            if (Preset is not null && Preset.Settings.TryGetValue(field.Name, out var saved))
            {
                field.Load(saved);
            }
        }
    }

    private async Task SaveAsync()
    {
        if (_saving)
        {
            return;
        }

        _saving = true;
        try
        {
            var input = new PresetInput(_name, Game.Key, CollectSettings(), _packs);
            var saved = Preset is null
                ? await PresetService.CreateAsync(OwnerId, input)
                : await PresetService.UpdateAsync(OwnerId, Preset.Id, input);
            if (saved.IsSuccess)
            {
                _errors = new Dictionary<string, string[]>();
                _problem = null;
                await OnSaved.InvokeAsync(saved.Value);
                return;
            }

            _errors = FieldText.Messages(saved.Error, T) ?? new Dictionary<string, string[]>();
            // A refusal without a field (e.g. the preset was deleted elsewhere) is shown above the buttons.
            _problem = _errors.Count == 0 ? ProblemText.Detail(saved.Error, T) : null;
        }
        finally
        {
            _saving = false;
        }
    }

    /// <summary>The language the preset's rooms will speak, so the pack picker names and offers the packs in it.</summary>
    private string? RoomLanguage => SettingField.RoomLanguage(_fields);

    private Dictionary<string, JsonElement> CollectSettings() => _fields.ToDictionary(f => f.Name, f => f.ToJson(), StringComparer.Ordinal);

    /// <summary>The cartridge's messages for settings (in the page's language), by setting name, as the settings form shows them.</summary>
    private Dictionary<string, string> SettingErrors => _errors
        .Where(e => e.Key.StartsWith(SettingsPrefix, StringComparison.Ordinal))
        .ToDictionary(e => e.Key[SettingsPrefix.Length..], e => string.Join(" ", e.Value), StringComparer.Ordinal);

    private bool HasError(string field) => _errors.ContainsKey(field);

    private string? ErrorFor(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
