using System.Globalization;
using System.Text;
using PartyProtocol.Core.Text;

namespace PartyProtocol.Core.Content;

/// <summary>
/// Compares answers the way people mean them: ignoring case, accents, punctuation, white space and look-alike
/// characters, so "Saint-Rémy", "saint remy" and "SAINT REMY!" are one answer, and so is "Saint-Rémy" typed with a
/// Cyrillic а.
/// </summary>
public static class AnswerText
{
    /// <summary>
    /// The comparison key of an answer under <paramref name="language"/>'s rules: Danish also takes æ, ø and å as the
    /// ae, oe and aa people type without a Danish keyboard, so "Aarhus" and "Århus", "Soeren" and "Søren" are one
    /// answer. Other languages use <see cref="Key(string?)"/>, which folds å to a and keeps ø and æ.
    /// </summary>
    public static string Key(string? text, string language) =>
        string.Equals(language, PackLanguage.Danish, StringComparison.OrdinalIgnoreCase) ? Key(DanishSpelledOut(text)) : Key(text);

    /// <summary>The comparison key of an answer.</summary>
    public static string Key(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                AppendFolded(builder, rune);
            }
            else if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherSymbol)
            {
                // Keep emoji and symbols: a lie made only of symbols must not collapse to the empty key.
                builder.Append(utf16[..rune.EncodeToUtf16(utf16)]);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// One letter or digit as answers compare it: its look-alike prototype ignoring case (Unicode TR39, see
    /// <see cref="Confusables.CaseFoldedPrototype"/>) without marks, in lower case — Cyrillic "р" folds to "p", Cyrillic
    /// "Н" to "h", "0" to "o", "m" to "rn".
    /// </summary>
    public static string Fold(Rune rune) =>
        rune.IsAscii ? AsciiFolds[rune.Value] : AppendPrototypeLetters(new StringBuilder(4), rune).ToString();

    /// <summary>Appends <see cref="Fold"/> of <paramref name="rune"/>; every answer and every lie goes through here.</summary>
    internal static StringBuilder AppendFolded(StringBuilder builder, Rune rune) =>
        rune.IsAscii ? builder.Append(AsciiFolds[rune.Value]) : AppendPrototypeLetters(builder, rune);

    // The folds of the 128 ASCII code points, worked out once: most of what people type is ASCII.
    private static readonly string[] AsciiFolds =
        [.. Enumerable.Range(0, 128).Select(code => AppendPrototypeLetters(new StringBuilder(4), new Rune(code)).ToString())];

    private static StringBuilder AppendPrototypeLetters(StringBuilder builder, Rune rune)
    {
        Span<char> utf16 = stackalloc char[2];
        foreach (var part in Confusables.CaseFoldedPrototype(rune).EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(part))
            {
                builder.Append(utf16[..Rune.ToLowerInvariant(part).EncodeToUtf16(utf16)]);
            }
        }

        return builder;
    }

    private static string? DanishSpelledOut(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 4);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            _ = char.ToLowerInvariant(c) switch
            {
                'æ' => builder.Append("ae"),
                'ø' => builder.Append("oe"),
                'å' => builder.Append("aa"),
                var other => builder.Append(other),
            };
        }

        return builder.ToString();
    }

    /// <summary>Trims and collapses inner white space for display.</summary>
    public static string Tidy(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
