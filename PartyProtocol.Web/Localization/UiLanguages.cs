using System.Globalization;
using PartyProtocol.Core.Content;

namespace PartyProtocol.Web.Localization;

/// <summary>The UI languages: the same as the rooms' (<see cref="PackLanguage"/>), English first as the fallback.</summary>
public static class UiLanguages
{
    /// <summary>The cookie a player's own choice (the switch on the join page) is kept in; the framework's format.</summary>
    public const string CookieName = ".PartyProtocol.Language";

    public static IReadOnlyList<string> Codes { get; } = [.. PackLanguage.Options.Select(o => o.Value)];

    public static CultureInfo[] Cultures { get; } = [.. Codes.Select(CultureInfo.GetCultureInfo)];

    /// <summary>The supported language a culture belongs to ("da-DK" → "da"), or null.</summary>
    public static string? Supported(string? culture)
    {
        if (string.IsNullOrWhiteSpace(culture))
        {
            return null;
        }

        var neutral = culture.Split('-')[0];
        return Codes.FirstOrDefault(c => string.Equals(c, neutral, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The culture of a supported language, or English.</summary>
    public static CultureInfo CultureOf(string? language) => CultureInfo.GetCultureInfo(Supported(language) ?? PackLanguage.Default);
}
