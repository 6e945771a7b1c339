using System.Globalization;
using System.Text;

namespace PartyProtocol.Core.Sessions;

/// <summary>Nickname rules: trimmed, NFC-normalised, 1–16 characters, no control or invisible formatting characters.</summary>
public static class Nicknames
{
    public const int MaxLength = 16;

    /// <summary>Normalises a nickname, or explains why it is not acceptable.</summary>
    public static (string? Name, string? Error) Normalize(string? input)
    {
        if (input is null)
        {
            return (null, "Choose a nickname.");
        }

        string normalized;
        try
        {
            normalized = input.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return (null, "That nickname contains characters that are not valid text.");
        }

        var builder = new StringBuilder(normalized.Length);
        var lastWasSpace = false;
        foreach (var rune in normalized.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.Surrogate)
            {
                return (null, "Nicknames cannot contain control or invisible formatting characters.");
            }

            var isSpace = Rune.IsWhiteSpace(rune);
            if (isSpace && lastWasSpace)
            {
                continue;
            }

            builder.Append(isSpace ? " " : rune.ToString());
            lastWasSpace = isSpace;
        }

        var name = builder.ToString().Trim();
        var length = new StringInfo(name).LengthInTextElements;
        if (length == 0)
        {
            return (null, "Choose a nickname.");
        }

        if (length > MaxLength)
        {
            return (null, $"Nicknames are at most {MaxLength} characters.");
        }

        return (name, null);
    }

    /// <summary>Whether two normalised nicknames count as the same (case-insensitive).</summary>
    public static bool SameName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
