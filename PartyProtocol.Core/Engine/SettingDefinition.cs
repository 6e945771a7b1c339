using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartyProtocol.Core.Engine;

/// <summary>The JSON type of a setting.</summary>
public enum SettingType
{
    /// <summary>A whole number within <see cref="SettingDefinition.Min"/>..<see cref="SettingDefinition.Max"/>.</summary>
    Integer,
    /// <summary>A number, restricted to <see cref="SettingDefinition.Allowed"/> when that is given.</summary>
    Number,
    /// <summary>true or false.</summary>
    Boolean,
}

/// <summary>
/// Declares one setting of a cartridge: its camelCase name (the JSON property of the settings record), its type,
/// default and bounds. The platform validates and documents settings from these declarations alone.
/// </summary>
/// <param name="Name">camelCase name, e.g. <c>lieSeconds</c>.</param>
/// <param name="Type">The JSON type.</param>
/// <param name="Default">The default value.</param>
/// <param name="Description">What the setting does, for people.</param>
public sealed record SettingDefinition(string Name, SettingType Type, double Default, string Description)
{
    /// <summary>Smallest accepted value (inclusive), for numbers.</summary>
    public double? Min { get; init; }

    /// <summary>Largest accepted value (inclusive), for numbers.</summary>
    public double? Max { get; init; }

    /// <summary>The only accepted values, when the setting is a choice.</summary>
    public IReadOnlyList<double>? Allowed { get; init; }

    /// <summary>The default as the JSON value clients see (a bool for booleans, an integer for integers).</summary>
    public object DefaultValue => Type switch
    {
        SettingType.Boolean => Default != 0,
        SettingType.Integer => (int)Default,
        _ => Default,
    };

    /// <summary>Validates one raw JSON value; returns the value as a JSON node, or the reason it is refused.</summary>
    public (JsonNode? Value, string? Error) Validate(JsonElement raw)
    {
        switch (Type)
        {
            case SettingType.Boolean:
                return raw.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? (JsonValue.Create(raw.GetBoolean()), null)
                    : (null, $"Setting '{Name}' must be true or false.");
            case SettingType.Integer:
                if (raw.ValueKind != JsonValueKind.Number || !raw.TryGetInt32(out var i))
                {
                    return (null, $"Setting '{Name}' must be a whole number{RangeText()}.");
                }

                return InRange(i) ? (JsonValue.Create(i), null) : (null, $"Setting '{Name}' must be{RangeText()}.");
            default:
                if (raw.ValueKind != JsonValueKind.Number || !raw.TryGetDouble(out var d) || !double.IsFinite(d))
                {
                    return (null, $"Setting '{Name}' must be a number{RangeText()}.");
                }

                return InRange(d) ? (JsonValue.Create(d), null) : (null, $"Setting '{Name}' must be{RangeText()}.");
        }
    }

    private bool InRange(double value) =>
        (Allowed is null || Allowed.Contains(value)) && (Min is null || value >= Min) && (Max is null || value <= Max);

    private string RangeText()
    {
        if (Allowed is not null)
        {
            return " one of " + string.Join(", ", Allowed.Select(a => a.ToString(CultureInfo.InvariantCulture)));
        }

        return (Min, Max) switch
        {
            ({ } min, { } max) => $" between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}",
            ({ } min, null) => $" at least {min.ToString(CultureInfo.InvariantCulture)}",
            (null, { } max) => $" at most {max.ToString(CultureInfo.InvariantCulture)}",
            _ => string.Empty,
        };
    }
}
