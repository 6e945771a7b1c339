using System.Globalization;
using System.Text;

namespace PartyProtocol.Core.Content;

/// <summary>
/// Compares answers the way people mean them: ignoring case, accents, punctuation and white space, so
/// "Saint-Rémy", "saint remy" and "SAINT REMY!" are one answer.
/// </summary>
public static class AnswerText
{
    /// <summary>The comparison key of an answer.</summary>
    public static string Key(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                builder.Append(Fold(rune));
            }
            else if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherSymbol)
            {
                // Keep emoji and symbols: a lie made only of symbols must not collapse to the empty key.
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>One letter or digit as answers compare it: lower case.</summary>
    public static string Fold(Rune rune) => Rune.ToLowerInvariant(rune).ToString();

    /// <summary>Trims and collapses inner white space for display.</summary>
    public static string Tidy(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
