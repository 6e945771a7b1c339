using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace PartyProtocol.Core.Moderation;

/// <summary>
/// Family-friendly mode's check on what players type (nicknames, lies): a maintained English profanity list
/// (LDNOOBW through the npm package naughty-words, CC BY 4.0 — see profanity-en.txt) plus the words a deployment adds
/// (<c>Moderation:ExtraWords</c>). Text is compared word by word after folding case, accents, common digit-for-letter
/// swaps and camelCase, so "Sh1t", "BigShit" and "sh!t head" are caught while "Scunthorpe" and "class" are not.
/// </summary>
public sealed class ProfanityFilter
{
    private static readonly Lazy<string[]> Shipped = new(LoadShipped);

    private readonly FrozenSet<string> _words;
    private readonly string[][] _phrases;

    /// <param name="extraWords">Words or phrases to refuse beside the shipped list.</param>
    public ProfanityFilter(IEnumerable<string>? extraWords = null)
    {
        var entries = Shipped.Value.Concat(extraWords ?? [])
            .Select(Words)
            .Where(words => words.Length > 0)
            .ToList();
        _words = entries.Where(w => w.Length == 1).Select(w => w[0]).ToFrozenSet(StringComparer.Ordinal);
        _phrases = [.. entries.Where(w => w.Length > 1)];
    }

    /// <summary>The shipped list only.</summary>
    public static ProfanityFilter Default { get; } = new();

    /// <summary>How many entries the filter refuses (shipped and extra).</summary>
    public int Count => _words.Count + _phrases.Length;

    /// <summary>Whether <paramref name="text"/> contains a listed word or phrase.</summary>
    public bool IsProfane(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var words = Words(text);
        for (var i = 0; i < words.Length; i++)
        {
            if (_words.Contains(words[i]) || (words[i].Length > 3 && words[i].EndsWith('s') && _words.Contains(words[i][..^1])))
            {
                return true;
            }

            foreach (var phrase in _phrases)
            {
                if (i + phrase.Length <= words.Length && phrase.AsSpan().SequenceEqual(words.AsSpan(i, phrase.Length)))
                {
                    return true;
                }
            }
        }

        // Letters spaced out or split by punctuation ("s h i t", "f.u.c.k") count as one word too.
        var joined = string.Concat(words);
        return joined.Length <= 32 && _words.Contains(joined);
    }

    /// <summary>Lower-case words of letters and digits, accents removed, digits read as the letters they stand for.</summary>
    internal static string[] Words(string text)
    {
        var split = new StringBuilder(text.Length + 8);
        char previous = ' ';
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            // camelCase and PascalCase nicknames are words too: "BigShit" → "big shit".
            if (char.IsUpper(c) && char.IsLower(previous))
            {
                split.Append(' ');
            }

            split.Append(c switch
            {
                '0' => 'o',
                '1' or '!' or '|' => 'i',
                '3' => 'e',
                '4' or '@' => 'a',
                '5' or '$' => 's',
                '7' => 't',
                _ => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ',
            });
            previous = c;
        }

        return split.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string[] LoadShipped()
    {
        using var stream = typeof(ProfanityFilter).Assembly.GetManifestResourceStream("PartyProtocol.Core.Moderation.profanity-en.txt")
            ?? throw new InvalidOperationException("The profanity list is missing from PartyProtocol.Core.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                lines.Add(line);
            }
        }

        return [.. lines];
    }
}
