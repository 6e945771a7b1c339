using System.Text;

namespace PartyProtocol.Core.Text;

/// <summary>Compares emoji the way people mean them: ❤ and ❤️, 👍 and 👍🏽 are the same reaction.</summary>
public static class EmojiText
{
    /// <summary>The longest emoji input worth comparing (a family with skin tones is about 20 UTF-16 units).</summary>
    public const int MaxLength = 64;

    /// <summary>The emoji without presentation selectors (U+FE0E, U+FE0F) and skin-tone modifiers.</summary>
    public static string Key(string emoji)
    {
        ArgumentNullException.ThrowIfNull(emoji);
        var builder = new StringBuilder(emoji.Length);
        foreach (var rune in emoji.Trim().EnumerateRunes())
        {
            if (!UnicodeSets.IsPresentationSelector(rune) && !UnicodeSets.IsSkinTone(rune))
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>The one of <paramref name="allowed"/> that <paramref name="input"/> means, or null.</summary>
    public static string? Match(string? input, IEnumerable<string> allowed)
    {
        if (string.IsNullOrEmpty(input) || input.Length > MaxLength)
        {
            return null;
        }

        var key = Key(input);
        return allowed.FirstOrDefault(emoji => string.Equals(Key(emoji), key, StringComparison.Ordinal));
    }
}
