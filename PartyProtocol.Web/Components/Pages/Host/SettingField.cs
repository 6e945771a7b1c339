using System.Text.Json;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Components.Pages.Host;

/// <summary>
/// One editable setting of a settings form, generated from the cartridge's <see cref="SettingDefinition"/>; its words are
/// <see cref="PartyProtocol.Web.Presets.SettingText"/>'s, in the screen's language.
/// </summary>
public sealed class SettingField
{
    public SettingField(SettingDefinition definition)
    {
        Definition = definition;
        Load(definition.Default);
    }

    public SettingDefinition Definition { get; }

    public string Name => Definition.Name;

    /// <summary>An integer setting's value; null while the field holds no number (the form says so, never "0").</summary>
    public int? Whole { get; set; }

    /// <summary>A number setting's value; null while the field holds no number.</summary>
    public double? Number { get; set; }

    public bool Flag { get; set; }

    /// <summary>The chosen option of a <see cref="SettingType.Choice"/> setting.</summary>
    public string Choice { get; set; } = string.Empty;

    /// <summary>The chosen options of a <see cref="SettingType.MultiChoice"/> setting.</summary>
    public IReadOnlyCollection<string> Selected { get; set; } = [];

    /// <summary>The value as the cartridge's settings binder takes it.</summary>
    public JsonElement ToJson() => Definition.Type switch
    {
        SettingType.Boolean => JsonSerializer.SerializeToElement(Flag),
        SettingType.Integer => JsonSerializer.SerializeToElement(Whole),
        SettingType.Number => JsonSerializer.SerializeToElement(Number),
        SettingType.Choice => JsonSerializer.SerializeToElement(Choice),
        _ => JsonSerializer.SerializeToElement(Definition.Options!.Select(o => o.Value).Where(Selected.Contains).ToArray()),
    };

    /// <summary>Whether the field holds the game's default.</summary>
    public bool IsDefault => Definition.IsDefault(ToJson());

    /// <summary>Takes a value from a settings map (a preset, or a previous game); values of the wrong type are ignored.</summary>
    public void Load(JsonElement value)
    {
        switch (Definition.Type)
        {
            case SettingType.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                Flag = value.GetBoolean();
                break;
            case SettingType.Integer when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var whole):
                Whole = whole;
                break;
            case SettingType.Number when value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number):
                Number = number;
                break;
            case SettingType.Choice when value.ValueKind == JsonValueKind.String:
                Choice = value.GetString()!;
                break;
            case SettingType.MultiChoice when value.ValueKind == JsonValueKind.Array:
                Selected = value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)
                    .ToHashSet(StringComparer.Ordinal);
                break;
        }
    }

    /// <summary>The room language a form's fields hold (its <see cref="PackLanguage.Setting"/>), or null for a game without one.</summary>
    public static string? RoomLanguage(IEnumerable<SettingField> fields) =>
        fields.FirstOrDefault(f => f.Name == PackLanguage.Setting.Name)?.Choice;
}
