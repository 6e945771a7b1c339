using System.Text.Json;
using Microsoft.AspNetCore.Components;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Web.Components.Pages.Presets;

public partial class PresetForm
{
    private const int PresetNameLength = PartyProtocol.Web.Presets.Preset.MaxNameLength;

    private readonly Dictionary<string, int> _integers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _flags = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private string _name = string.Empty;
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
        _errors = new Dictionary<string, string[]>();
        _problem = null;
        foreach (var setting in Game.Settings)
        {
            JsonElement? saved = Preset is not null && Preset.Settings.TryGetValue(setting.Name, out var value) ? value : null;
            switch (setting.Type)
            {
                case SettingType.Boolean:
                    _flags[setting.Name] = saved?.ValueKind == JsonValueKind.True || (saved is null && setting.Default != 0);
                    break;
                case SettingType.Number:
                    _numbers[setting.Name] = saved?.GetDouble() ?? setting.Default;
                    break;
                default:
                    _integers[setting.Name] = saved?.GetInt32() ?? (int)setting.Default;
                    break;
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
            var input = new PresetInput(_name, Game.Key, CollectSettings());
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

            _errors = saved.Error.Errors ?? new Dictionary<string, string[]>();
            // A refusal without a field (e.g. the preset was deleted elsewhere) is shown above the buttons.
            _problem = _errors.Count == 0 ? saved.Error.Message : null;
        }
        finally
        {
            _saving = false;
        }
    }

    private Dictionary<string, JsonElement> CollectSettings()
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var setting in Game.Settings)
        {
            values[setting.Name] = setting.Type switch
            {
                SettingType.Boolean => JsonSerializer.SerializeToElement(_flags[setting.Name]),
                SettingType.Number => JsonSerializer.SerializeToElement(_numbers[setting.Name]),
                _ => JsonSerializer.SerializeToElement(_integers[setting.Name]),
            };
        }

        return values;
    }

    private bool HasError(string field) => _errors.ContainsKey(field);

    private string? ErrorFor(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private static string Hint(SettingDefinition setting)
    {
        var range = SettingText.Range(setting);
        return range.Length == 0 ? setting.Description : $"{setting.Description} ({range})";
    }
}
