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
    public (JsonNode? Value, FieldError? Error) Validate(JsonElement raw)
    {
        switch (Type)
        {
            case SettingType.Boolean:
                return raw.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? (JsonValue.Create(raw.GetBoolean()), null)
                    : (null, new FieldError("setting_true_or_false", $"Setting '{Name}' must be true or false.", Name));
            case SettingType.Integer:
                if (raw.ValueKind != JsonValueKind.Number || !raw.TryGetInt32(out var i))
                {
                    return (null, Refused("setting_whole_number", range => $"Setting '{Name}' must be a whole number{range}.", RangeText()));
                }

                return InRange(i) ? (JsonValue.Create(i), null) : (null, Refused("setting_range", range => $"Setting '{Name}' must be{range}.", RangeText()));
            case SettingType.Number:
                if (raw.ValueKind != JsonValueKind.Number || !raw.TryGetDouble(out var d) || !double.IsFinite(d))
                {
                    return (null, Refused("setting_number", range => $"Setting '{Name}' must be a number{range}.", RangeText()));
                }

                return InRange(d) ? (JsonValue.Create(d), null) : (null, Refused("setting_range", range => $"Setting '{Name}' must be{range}.", RangeText()));
            case SettingType.Choice:
                return raw.ValueKind == JsonValueKind.String && Options!.Any(o => o.Value == raw.GetString())
                    ? (JsonValue.Create(raw.GetString()), null)
                    : (null, Refused("setting_choice", options => $"Setting '{Name}' must be one of {options}.", OptionList()));
            default:
                return ValidateSelection(raw);
        }
    }

    private (JsonNode? Value, FieldError? Error) ValidateSelection(JsonElement raw)
    {
        if (raw.ValueKind != JsonValueKind.Array)
        {
            return (null, Refused("setting_list", options => $"Setting '{Name}' must be a list of {options}.", OptionList()));
        }

        var chosen = new List<string>();
        foreach (var item in raw.EnumerateArray())
        {
            var value = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (value is null || !Options!.Any(o => o.Value == value))
            {
                return (null, new FieldError("setting_list_item", $"Setting '{Name}' can only hold {OptionList()}; '{item}' is not one of them.",
                    Name, OptionList(), item.ToString()));
            }

            if (chosen.Contains(value, StringComparer.Ordinal))
            {
                return (null, new FieldError("setting_list_twice", $"Setting '{Name}' lists '{value}' twice.", Name, value));
            }

            chosen.Add(value);
        }

        if (chosen.Count < MinSelected)
        {
            return (null, MinSelected == 1
                ? new FieldError("setting_choose_one", $"Choose at least one {Name}.", Name)
                : new FieldError("setting_choose_at_least", $"Choose at least {MinSelected} {Name}.", Name, MinSelected));
        }

        // Kept in the options' order, so two equal selections are equal values (presets, "same settings" checks).
        var ordered = Options!.Where(o => chosen.Contains(o.Value, StringComparer.Ordinal)).Select(o => (JsonNode?)JsonValue.Create(o.Value));
        return (new JsonArray([.. ordered]), null);
    }

    private bool InRange(double value) =>
        (Allowed is null || Allowed.Contains(value)) && (Min is null || value >= Min) && (Max is null || value <= Max);

    /// <summary>A refusal naming this setting and one part (a range, the options) that is worded with the sentence.</summary>
    private FieldError Refused(string code, Func<object, string> english, object part) => new(code, english(part), Name, part);

    private object OptionList() => FieldError.Or([.. Options!.Select(o => $"'{o.Value}'")]);

    /// <summary>The accepted range as the end of a sentence (" between 1 and 20"), or nothing.</summary>
    private object RangeText()
    {
        static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

        if (Allowed is not null)
        {
            var values = string.Join(", ", Allowed.Select(Number));
            return new FieldError("range_one_of", " one of " + values, values);
        }

        return (Min, Max) switch
        {
            ({ } min, { } max) => new FieldError("range_between", $" between {Number(min)} and {Number(max)}", min, max),
            ({ } min, null) => new FieldError("range_at_least", $" at least {Number(min)}", min),
            (null, { } max) => new FieldError("range_at_most", $" at most {Number(max)}", max),
            _ => string.Empty,
        };
    }
}
