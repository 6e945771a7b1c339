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
    /// <summary>One of <see cref="SettingDefinition.Options"/>, as its string value.</summary>
    Choice,
    /// <summary>A set of <see cref="SettingDefinition.Options"/> (an array of their string values, each at most once).</summary>
    MultiChoice,
}

/// <summary>One option of a <see cref="SettingType.Choice"/> or <see cref="SettingType.MultiChoice"/> setting.</summary>
/// <param name="Value">The stable value clients send and presets store, e.g. <c>every_3</c>.</param>
/// <param name="Label">What people read, e.g. "Every 3 questions".</param>
public sealed record SettingOption(string Value, string Label);

/// <summary>
/// Declares one setting of a cartridge: its camelCase name (the JSON property of the settings record), its type,
/// default and bounds. The platform validates, documents, renders and stores settings from these declarations alone.
/// Create them with <see cref="Integer"/>, <see cref="Number"/>, <see cref="Boolean"/>, <see cref="Choice"/> and
/// <see cref="MultiChoice"/>.
/// </summary>
public sealed record SettingDefinition
{
    private SettingDefinition(string name, SettingType type, JsonElement @default, string description)
    {
        Name = name;
        Type = type;
        Default = @default;
        Description = description;
    }

    /// <summary>camelCase name, e.g. <c>lieSeconds</c>.</summary>
    public string Name { get; }

    public SettingType Type { get; }

    /// <summary>The default as the JSON value clients see.</summary>
    public JsonElement Default { get; }

    /// <summary>What the setting does, for people.</summary>
    public string Description { get; }

    /// <summary>Smallest accepted value (inclusive), for numbers.</summary>
    public double? Min { get; private init; }

    /// <summary>Largest accepted value (inclusive), for numbers.</summary>
    public double? Max { get; private init; }

    /// <summary>The only accepted values of a <see cref="SettingType.Number"/> setting, when it is a choice of numbers.</summary>
    public IReadOnlyList<double>? Allowed { get; private init; }

    /// <summary>The options of a <see cref="SettingType.Choice"/> or <see cref="SettingType.MultiChoice"/> setting.</summary>
    public IReadOnlyList<SettingOption>? Options { get; private init; }

    /// <summary>The fewest options a <see cref="SettingType.MultiChoice"/> setting accepts.</summary>
    public int MinSelected { get; private init; }

    /// <summary>The default as a CLR value: an int, a double, a bool, a string or an array of strings.</summary>
    public object DefaultValue => Type switch
    {
        SettingType.Boolean => Default.GetBoolean(),
        SettingType.Integer => Default.GetInt32(),
        SettingType.Number => Default.GetDouble(),
        SettingType.Choice => Default.GetString()!,
        _ => Default.EnumerateArray().Select(e => e.GetString()!).ToArray(),
    };

    public static SettingDefinition Integer(string name, int @default, int min, int max, string description) =>
        new(name, SettingType.Integer, JsonSerializer.SerializeToElement(@default), description) { Min = min, Max = max };

    public static SettingDefinition Number(string name, double @default, string description, IReadOnlyList<double>? allowed = null,
        double? min = null, double? max = null) =>
        new(name, SettingType.Number, JsonSerializer.SerializeToElement(@default), description) { Allowed = allowed, Min = min, Max = max };

    public static SettingDefinition Boolean(string name, bool @default, string description) =>
        new(name, SettingType.Boolean, JsonSerializer.SerializeToElement(@default), description);

    public static SettingDefinition Choice(string name, string @default, IReadOnlyList<SettingOption> options, string description)
    {
        if (!options.Any(o => o.Value == @default))
        {
            throw new ArgumentException($"The default '{@default}' of setting '{name}' is not one of its options.", nameof(@default));
        }

        return new(name, SettingType.Choice, JsonSerializer.SerializeToElement(@default), description) { Options = options };
    }

    /// <param name="default">The options selected by default (null: all of them).</param>
    public static SettingDefinition MultiChoice(string name, IReadOnlyList<string>? @default, IReadOnlyList<SettingOption> options,
        string description, int minSelected = 1)
    {
        var selected = @default ?? options.Select(o => o.Value).ToList();
        if (selected.Any(value => !options.Any(o => o.Value == value)))
        {
            throw new ArgumentException($"A default of setting '{name}' is not one of its options.", nameof(@default));
        }

        return new(name, SettingType.MultiChoice, JsonSerializer.SerializeToElement(selected), description)
        {
            Options = options,
            MinSelected = minSelected,
        };
    }

    /// <summary>The label of an option value, or the value itself when it is not an option.</summary>
    public string LabelOf(string value) => Options?.FirstOrDefault(o => o.Value == value)?.Label ?? value;

    /// <summary>Whether a JSON value equals this setting's default.</summary>
    public bool IsDefault(JsonElement value) => Type switch
    {
        SettingType.MultiChoice => value.ValueKind == JsonValueKind.Array
            && value.EnumerateArray().Select(e => e.ToString()).ToHashSet(StringComparer.Ordinal)
                .SetEquals(Default.EnumerateArray().Select(e => e.ToString())),
        SettingType.Number or SettingType.Integer => value.ValueKind == JsonValueKind.Number && value.GetDouble().Equals(Default.GetDouble()),
        _ => JsonElement.DeepEquals(value, Default),
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
            case SettingType.Number:
                if (raw.ValueKind != JsonValueKind.Number || !raw.TryGetDouble(out var d) || !double.IsFinite(d))
                {
                    return (null, $"Setting '{Name}' must be a number{RangeText()}.");
                }

                return InRange(d) ? (JsonValue.Create(d), null) : (null, $"Setting '{Name}' must be{RangeText()}.");
            case SettingType.Choice:
                return raw.ValueKind == JsonValueKind.String && Options!.Any(o => o.Value == raw.GetString())
                    ? (JsonValue.Create(raw.GetString()), null)
                    : (null, $"Setting '{Name}' must be one of {OptionList()}.");
            default:
                return ValidateSelection(raw);
        }
    }

    private (JsonNode? Value, string? Error) ValidateSelection(JsonElement raw)
    {
        if (raw.ValueKind != JsonValueKind.Array)
        {
            return (null, $"Setting '{Name}' must be a list of {OptionList()}.");
        }

        var chosen = new List<string>();
        foreach (var item in raw.EnumerateArray())
        {
            var value = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (value is null || !Options!.Any(o => o.Value == value))
            {
                return (null, $"Setting '{Name}' can only hold {OptionList()}; '{item}' is not one of them.");
            }

            if (chosen.Contains(value, StringComparer.Ordinal))
            {
                return (null, $"Setting '{Name}' lists '{value}' twice.");
            }

            chosen.Add(value);
        }

        if (chosen.Count < MinSelected)
        {
            return (null, MinSelected == 1 ? $"Choose at least one {Name}." : $"Choose at least {MinSelected} {Name}.");
        }

        // Kept in the options' order, so two equal selections are equal values (presets, "same settings" checks).
        var ordered = Options!.Where(o => chosen.Contains(o.Value, StringComparer.Ordinal)).Select(o => (JsonNode?)JsonValue.Create(o.Value));
        return (new JsonArray([.. ordered]), null);
    }

    private bool InRange(double value) =>
        (Allowed is null || Allowed.Contains(value)) && (Min is null || value >= Min) && (Max is null || value <= Max);

    private string OptionList()
    {
        var values = Options!.Select(o => $"'{o.Value}'").ToList();
        return values.Count == 1 ? values[0] : $"{string.Join(", ", values[..^1])} or {values[^1]}";
    }

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
