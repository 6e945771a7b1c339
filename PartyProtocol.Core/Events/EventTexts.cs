using System.Globalization;
using System.Resources;

namespace PartyProtocol.Core.Events;

/// <summary>
/// The human texts events carry (Bluff's lie prompt), in the room's language: <c>EventTexts.resx</c> (English) and
/// <c>EventTexts.da.resx</c> beside this file. An event goes to every screen of a room, so it speaks the room's language.
/// </summary>
public static class EventTexts
{
    private static readonly ResourceManager Resources = new("PartyProtocol.Core.Events.EventTexts", typeof(EventTexts).Assembly);

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/>, or in English when that language lacks it.</summary>
    public static string Get(string key, string language) =>
        Resources.GetString(key, CultureFor(language)) ?? throw new KeyNotFoundException($"No event text '{key}'.");

    /// <summary>Every key and text of one language's own file, without falling back to English (for the parity test).</summary>
    public static IReadOnlyDictionary<string, string> Table(string language)
    {
        var set = Resources.GetResourceSet(language == "en" ? CultureInfo.InvariantCulture : CultureFor(language), true, false);
        return set is null
            ? new Dictionary<string, string>()
            : set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static CultureInfo CultureFor(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
