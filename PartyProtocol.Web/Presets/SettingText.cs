using System.Globalization;
using System.Text;
using System.Text.Json;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Presets;

/// <summary>People-facing text for a cartridge's settings, derived from its declarations (no per-game code).</summary>
public static class SettingText
{
    /// <summary><c>lieSeconds</c> → "Lie seconds".</summary>
    public static string Label(SettingDefinition setting)
    {
        var text = new StringBuilder(setting.Name.Length + 4);
        foreach (var c in setting.Name)
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

    /// <summary>The accepted values, e.g. "1–20", "1, 1.5 or 2" or the options' labels; empty for booleans.</summary>
    public static string Range(SettingDefinition setting)
    {
        if (setting.Options is { Count: > 0 } options)
        {
            var labels = options.Select(o => o.Label).ToList();
            return labels.Count == 1 ? labels[0] : $"{string.Join(", ", labels[..^1])} or {labels[^1]}";
        }

        if (setting.Allowed is { Count: > 0 } allowed)
        {
            var values = allowed.Select(Number).ToList();
            return values.Count == 1 ? values[0] : $"{string.Join(", ", values[..^1])} or {values[^1]}";
        }

        return (setting.Min, setting.Max) switch
        {
            ({ } min, { } max) => $"{Number(min)}–{Number(max)}",
            ({ } min, null) => $"at least {Number(min)}",
            (null, { } max) => $"at most {Number(max)}",
            _ => string.Empty,
        };
    }

    public static string Value(SettingDefinition setting, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Number => Number(value.GetDouble()),
        JsonValueKind.String => setting.LabelOf(value.GetString()!),
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(e => setting.LabelOf(e.ToString()))),
        _ => value.ToString(),
    };

    /// <summary>What sets a preset apart: the settings that differ from the game's defaults, or "Default settings".</summary>
    public static string Summary(ICartridge game, IReadOnlyDictionary<string, JsonElement> settings)
    {
        var changed = game.Settings
            .Where(s => settings.TryGetValue(s.Name, out var v) && !s.IsDefault(v))
            .Select(s => $"{Label(s)} {Value(s, settings[s.Name])}")
            .ToList();
        return changed.Count == 0 ? "Default settings" : string.Join(" · ", changed);
    }

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
