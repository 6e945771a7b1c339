using System.Globalization;
using System.Text;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Text;

/// <summary>
/// The limits of one kind of typed text (a nickname, a lie) and the reasons that explain a refusal.
/// </summary>
/// <param name="MaxCharacters">Characters as people count them (grapheme clusters: é, 👍🏽 and 👨‍👩‍👧 are one each).</param>
/// <param name="MaxUtf16Length">UTF-16 code units, the size in memory and on the wire; emoji take up to eight or so each.</param>
/// <param name="Empty">Nothing was typed.</param>
/// <param name="TooLong">Over either length.</param>
/// <param name="Forbidden">Control, bidi, invisible or otherwise unusable characters.</param>
/// <param name="NothingVisible">Only marks or blanks: nothing a person could read.</param>
/// <param name="MaxMarksPerCharacter">Combining marks (accents) one character may carry; "Zalgo" text stacks hundreds.</param>
/// <param name="LineBreaksAreSpaces">Tabs and line breaks become spaces (a lie typed in a text box); otherwise they are refused.</param>
public sealed record TextRules(
    int MaxCharacters,
    int MaxUtf16Length,
    FieldError Empty,
    FieldError TooLong,
    FieldError Forbidden,
    FieldError NothingVisible,
    int MaxMarksPerCharacter = 4,
    bool LineBreaksAreSpaces = false);

/// <summary>
/// The one set of rules for text that players type, used for nicknames and lies alike (and by the content lint for
/// the answers that packs put on screen): NFC-normalised; white space collapsed to single spaces and trimmed; no
/// control, format, bidi-override, private-use, unassigned or invisible characters — except the joiners and selectors
/// that make common emoji (👨‍👩‍👧, ❤️, 🏴󠁧󠁢󠁳󠁣󠁴󠁿); limited in characters, in UTF-16 length and in marks per character; and
/// with at least one visible letter, digit, punctuation mark or symbol.
/// </summary>
public static class TypedText
{
    /// <summary>Checks and normalises <paramref name="input"/>: the text to keep, or the reason why not.</summary>
    public static (string? Text, FieldError? Error) Check(string? input, TextRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (input is null)
        {
            return (null, rules.Empty);
        }

        // Refused before any work: normalising or segmenting megabytes of marks is the attack, not the check.
        if (input.Length > (rules.MaxUtf16Length * 4) + 64)
        {
            return (null, rules.TooLong);
        }

        string normalized;
        try
        {
            normalized = input.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates and similar: not text.
            return (null, rules.Forbidden);
        }

        var (text, forbidden) = Clean(normalized, rules.LineBreaksAreSpaces);
        if (forbidden)
        {
            return (null, rules.Forbidden);
        }

        if (text.Length == 0)
        {
            return (null, rules.Empty);
        }

        var characters = 0;
        var visible = false;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            characters++;
            var element = elements.GetTextElement();
            if (Marks(element) > rules.MaxMarksPerCharacter)
            {
                return (null, new FieldError("too_many_marks", $"At most {rules.MaxMarksPerCharacter} accents or marks on one character.",
                    rules.MaxMarksPerCharacter));
            }

            visible |= IsVisible(element);
        }

        if (characters > rules.MaxCharacters || text.Length > rules.MaxUtf16Length)
        {
            return (null, rules.TooLong);
        }

        return visible ? (text, null) : (null, rules.NothingVisible);
    }

    /// <summary>Whether <paramref name="text"/> holds a character that typed text may not (for the content lint).</summary>
    public static bool HasForbiddenCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return Clean(text.Normalize(NormalizationForm.FormC), lineBreaksAreSpaces: true).Forbidden;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    // Collapses white space and finds what is not allowed; emoji joiners, presentation selectors and flag tags are
    // allowed only where an emoji sequence needs them.
    private static (string Text, bool Forbidden) Clean(string normalized, bool lineBreaksAreSpaces)
    {
        var builder = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        Rune? previous = null;
        var runes = normalized.EnumerateRunes().ToList();
        for (var i = 0; i < runes.Count; i++)
        {
            var rune = runes[i];
            if (Rune.IsWhiteSpace(rune) && (lineBreaksAreSpaces || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator))
            {
                pendingSpace = builder.Length > 0;
                previous = null;
                continue;
            }

            if (!IsAllowed(rune, previous, i + 1 < runes.Count ? runes[i + 1] : null))
            {
                return (string.Empty, true);
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(rune.ToString());
            previous = rune;
        }

        return (builder.ToString(), false);
    }

    private static bool IsAllowed(Rune rune, Rune? previous, Rune? next)
    {
        if (rune.Value == UnicodeSets.ZeroWidthJoiner)
        {
            return previous is { } before && IsEmojiPart(before) && next is { } after && IsPictographic(after);
        }

        if (UnicodeSets.IsPresentationSelector(rune))
        {
            return previous is { } before && !UnicodeSets.IsPresentationSelector(before) && !Rune.IsWhiteSpace(before);
        }

        if (UnicodeSets.IsTag(rune))
        {
            return previous is { } before && (before.Value == UnicodeSets.BlackFlag || UnicodeSets.IsTag(before));
        }

        if (UnicodeSets.IsDefaultIgnorable(rune) || UnicodeSets.IsBlankSymbol(rune))
        {
            return false;
        }

        return Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate);
    }

    // What may stand before a joiner: a pictograph, a skin tone, or the selector that made it an emoji.
    private static bool IsEmojiPart(Rune rune) =>
        IsPictographic(rune) || UnicodeSets.IsSkinTone(rune) || UnicodeSets.IsPresentationSelector(rune);

    // Emoji are symbols (So); ♀ ♂ ⚕ and friends that follow a joiner are too.
    private static bool IsPictographic(Rune rune) => Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol;

    private static int Marks(string element)
    {
        var marks = 0;
        foreach (var rune in element.EnumerateRunes())
        {
            if (!UnicodeSets.IsPresentationSelector(rune)
                && Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                marks++;
            }
        }

        return marks;
    }

    // A character people can see: it starts with a letter, digit, punctuation mark or symbol (not a lone mark).
    private static bool IsVisible(string element)
    {
        var first = element.EnumerateRunes().First();
        return Rune.GetUnicodeCategory(first) switch
        {
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }
}
