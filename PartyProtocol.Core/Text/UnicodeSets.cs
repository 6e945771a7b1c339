using System.Text;

namespace PartyProtocol.Core.Text;

/// <summary>The few Unicode character sets the text rules need, beyond what <see cref="Rune"/> answers.</summary>
public static class UnicodeSets
{
    /// <summary>U+200D ZERO WIDTH JOINER: glues emoji into one (👨‍👩‍👧); refused anywhere else.</summary>
    public const int ZeroWidthJoiner = 0x200D;

    /// <summary>U+1F3F4 WAVING BLACK FLAG: the base of the subdivision flags (🏴󠁧󠁢󠁳󠁣󠁴󠁿) spelled with tag characters.</summary>
    public const int BlackFlag = 0x1F3F4;

    // Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 15): characters that render as nothing —
    // soft hyphen, joiners, bidi controls, variation selectors, the Hangul fillers (ㅤ U+3164 and friends), tags.
    private static readonly (int First, int Last)[] DefaultIgnorable =
    [
        (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
        (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
        (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
    ];

    /// <summary>Whether the code point is Default_Ignorable: invisible by definition.</summary>
    public static bool IsDefaultIgnorable(Rune rune)
    {
        var value = rune.Value;
        foreach (var (first, last) in DefaultIgnorable)
        {
            if (value < first)
            {
                return false;
            }

            if (value <= last)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Characters that draw nothing although Unicode does not call them ignorable or white space: U+2800 BRAILLE
    /// PATTERN BLANK (a symbol) and U+1D159 MUSICAL SYMBOL NULL NOTEHEAD.
    /// </summary>
    public static bool IsBlankSymbol(Rune rune) => rune.Value is 0x2800 or 0x1D159;

    /// <summary>U+FE0E and U+FE0F: text or emoji presentation of the character before them.</summary>
    public static bool IsPresentationSelector(Rune rune) => rune.Value is 0xFE0E or 0xFE0F;

    /// <summary>The five skin-tone modifiers (🏻 … 🏿).</summary>
    public static bool IsSkinTone(Rune rune) => rune.Value is >= 0x1F3FB and <= 0x1F3FF;

    /// <summary>The tag characters that spell a subdivision flag after 🏴 (and the cancel tag that ends it).</summary>
    public static bool IsTag(Rune rune) => rune.Value is >= 0xE0020 and <= 0xE007F;
}
