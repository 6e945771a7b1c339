using System.Text;
using System.Text.Json;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Web.Presets;

/// <summary>
/// People-facing text for a cartridge's settings, in a screen's language. A game's settings schema (Core) speaks English
/// only; the words come from the resources by game and setting — <c>Setting_&lt;game&gt;_&lt;name&gt;_Label</c>,
/// <c>_Help</c> and <c>_Option_&lt;value&gt;</c>, or the same under <c>Setting_Common_&lt;name&gt;</c> for a setting games
/// share (<c>timerScale</c>, <c>maxPlayers</c>) — and fall back to the schema's English, so a newly installed game shows
/// its settings in English until its texts are added. The <c>language</c> setting's options are the languages' own names
/// (<see cref="PackLanguage.Options"/>) in every language, as a language list reads everywhere.
/// </summary>
public static class SettingText
{
    /// <summary>The key prefix of the texts every game's setting of that name shares.</summary>
    public const string Common = "Common";

    /// <summary>"Rounds", "Lie seconds" ("Runder", "Sekunder til løgnen"); a setting without a text is its name in words.</summary>
    public static string Label(SettingDefinition setting, string? game, PartyText t) =>
        Find(t, game, setting.Name, "Label") ?? NameInWords(setting.Name);

    /// <summary>What the setting does: "Seconds to write a lie." ("Så lang tid har man til at skrive sin løgn.").</summary>
    public static string Help(SettingDefinition setting, string? game, PartyText t) =>
        Find(t, game, setting.Name, "Help") ?? setting.Description;

    /// <summary>The help of a number to type in with its accepted range: "Seconds to write a lie. (1–600)".</summary>
    public static string HelpWithRange(SettingDefinition setting, string? game, PartyText t) =>
        setting.Allowed is null && setting.Options is null && Range(setting, game, t) is { Length: > 0 } range
            ? $"{Help(setting, game, t)} ({range})"
            : Help(setting, game, t);

    /// <summary>An option's label: "Every 3 questions" ("Hvert 3. spørgsmål").</summary>
    public static string Option(SettingDefinition setting, string? game, SettingOption option, PartyText t) =>
        Find(t, game, setting.Name, "Option_" + option.Value) ?? option.Label;

    /// <summary>The label of an option value, or the value itself when it is not an option.</summary>
    public static string OptionOf(SettingDefinition setting, string? game, string value, PartyText t) =>
        setting.Options?.FirstOrDefault(o => o.Value == value) is { } option ? Option(setting, game, option, t) : value;

    /// <summary>The accepted values, e.g. "1–20", "1, 1.5 or 2" ("1, 1,5 eller 2") or the options' labels; empty for booleans.</summary>
    public static string Range(SettingDefinition setting, string? game, PartyText t)
    {
        if (setting.Options is { Count: > 0 } options)
        {
            return Either([.. options.Select(o => Option(setting, game, o, t))], t);
        }

        if (setting.Allowed is { Count: > 0 } allowed)
        {
            return Either([.. allowed.Select(a => Number(a, t))], t);
        }

        return (setting.Min, setting.Max) switch
        {
            ({ } min, { } max) => $"{Number(min, t)}–{Number(max, t)}",
            ({ } min, null) => t["Settings_AtLeast", Number(min, t)],
            (null, { } max) => t["Settings_AtMost", Number(max, t)],
            _ => string.Empty,
        };
    }

    /// <summary>A value as people read it: "yes", "1.5", "Every 3 questions".</summary>
    public static string Value(SettingDefinition setting, string? game, JsonElement value, PartyText t) => value.ValueKind switch
    {
        JsonValueKind.True => t["Settings_Yes"],
        JsonValueKind.False => t["Settings_No"],
        JsonValueKind.Number => Number(value.GetDouble(), t),
        JsonValueKind.String => OptionOf(setting, game, value.GetString()!, t),
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(e => OptionOf(setting, game, e.ToString(), t))),
        _ => value.ToString(),
    };

    /// <summary>What sets a preset apart: the settings that differ from the game's defaults, or "Default settings".</summary>
    public static string Summary(ICartridge game, IReadOnlyDictionary<string, JsonElement> settings, PartyText t)
    {
        var changed = game.Settings
            .Where(s => settings.TryGetValue(s.Name, out var v) && !s.IsDefault(v))
            .Select(s => $"{Label(s, game.Key, t)} {Value(s, game.Key, settings[s.Name], t)}")
            .ToList();
        return changed.Count == 0 ? t["Settings_Defaults"] : string.Join(" · ", changed);
    }

    /// <summary>
    /// A settings form's message for a refused value, in the screen's language. In English it is the game's own sentence,
    /// with its numbers. In another language it is the setting's declared rule in words when the declaration itself
    /// refuses the value ("Skriv et helt tal (1–20)."); else, for a rule of the game's own about the field (more rounds
    /// than questions), the game's text for it, <c>Setting_&lt;game&gt;_&lt;field&gt;_Invalid</c>, without the numbers;
    /// else the game's English sentence.
    /// </summary>
    /// <param name="field">The setting's name, or another field of the form (<c>packs</c>).</param>
    /// <param name="setting">The setting's declaration, null for a field that is not a setting.</param>
    /// <param name="value">The field's value as the form sends it.</param>
    /// <param name="english">The game's sentence.</param>
    public static string Error(string? game, string field, SettingDefinition? setting, JsonElement? value, string english, PartyText t)
    {
        if (t.Language == PackLanguage.English)
        {
            return english;
        }

        if (setting is not null && value is { } raw && setting.Validate(raw).Error is not null)
        {
            return Refusal(setting, game, t);
        }

        return Find(t, game, field, "Invalid") ?? english;
    }

    /// <summary>A number as the language writes it: 1.5 ("1,5").</summary>
    public static string Number(double value, PartyText t) => value.ToString("0.##", t.Culture);

    private static string Refusal(SettingDefinition setting, string? game, PartyText t)
    {
        var range = Range(setting, game, t);
        return setting.Type switch
        {
            SettingType.Boolean => t["Settings_Invalid_Flag"],
            SettingType.Integer => t["Settings_Invalid_Whole", range],
            SettingType.Number when setting.Allowed is not null => t["Settings_Invalid_OneOf", range],
            SettingType.Number when range.Length > 0 => t["Settings_Invalid_NumberIn", range],
            SettingType.Number => t["Settings_Invalid_Number"],
            SettingType.Choice => t["Settings_Invalid_Choice"],
            _ => t.Plural("Settings_Invalid_Select", Math.Max(1, setting.MinSelected)),
        };
    }

    // The game's own text for the setting, else the text the games share, else null (the schema's English).
    private static string? Find(PartyText t, string? game, string name, string part)
    {
        foreach (var owner in game is null ? [Common] : new[] { game, Common })
        {
            if (t[$"Setting_{owner}_{name}_{part}"] is { ResourceNotFound: false } text)
            {
                return text.Value;
            }
        }

        return null;
    }

    // "1, 1.5 or 2" ("1, 1,5 eller 2").
    private static string Either(IReadOnlyList<string> items, PartyText t) =>
        items.Count == 1 ? items[0] : t["Settings_Or", string.Join(", ", items.Take(items.Count - 1)), items[^1]];

    // lieSeconds → "Lie seconds".
    private static string NameInWords(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (text.Length == 0)
            {
                text.Append(char.ToUpperInvariant(c));
            }
            else if (char.IsUpper(c))
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
