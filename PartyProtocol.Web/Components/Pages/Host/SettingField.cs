using System.Globalization;
using System.Text;
using System.Text.Json;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Components.Pages.Host;

/// <summary>One editable setting of the setup form, generated from the cartridge's <see cref="SettingDefinition"/>.</summary>
public sealed class SettingField(SettingDefinition definition)
{
    public SettingDefinition Definition { get; } = definition;

    public string Name => Definition.Name;

    /// <summary>"lieSeconds" → "Lie seconds".</summary>
    public string Label
    {
        get
        {
            var label = new StringBuilder();
            foreach (var c in Definition.Name)
            {
                if (char.IsUpper(c) && label.Length > 0)
                {
                    label.Append(' ').Append(char.ToLowerInvariant(c));
                }
                else
                {
                    label.Append(label.Length == 0 ? char.ToUpperInvariant(c) : c);
                }
            }

            return label.ToString();
        }
    }

    /// <summary>The description with the accepted range, e.g. "Seconds to write a lie. (1–600)".</summary>
    public string Help => (Definition.Min, Definition.Max) switch
    {
        ({ } min, { } max) => $"{Definition.Description} ({Format(min)}–{Format(max)})",
        _ => Definition.Description,
    };

    public int Whole { get; set; } = (int)definition.Default;

    public double Number { get; set; } = definition.Default;

    public bool Flag { get; set; } = definition.Default != 0;

    /// <summary>The value as the cartridge's settings binder takes it.</summary>
    public JsonElement ToJson() => Definition.Type switch
    {
        SettingType.Boolean => JsonSerializer.SerializeToElement(Flag),
        SettingType.Integer => JsonSerializer.SerializeToElement(Whole),
        _ => JsonSerializer.SerializeToElement(Number),
    };

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
        }
    }

    public static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
