using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace PartyProtocol.Core.Text;

/// <summary>
/// Look-alike characters by Unicode Technical Standard #39: the confusable <em>skeleton</em> of a text, in which
/// "Аnn" (Cyrillic А) and "Ann", or "Р0" (Cyrillic Р, digit zero) and "PO", are the same. The table is Unicode's
/// confusables data, generated from ICU into <c>Text/Confusables.txt</c> and embedded in this assembly (see
/// <c>tools/confusables/</c>), so the comparison is the same on every machine, whatever ICU it has or lacks.
/// </summary>
public static class Confusables
{
    private const string ResourceName = "PartyProtocol.Core.Text.Confusables.txt";

    private static readonly Lazy<FrozenDictionary<int, string>> Table = new(Load);

    /// <summary>How many code points have a prototype other than themselves (for tests and diagnostics).</summary>
    public static int Count => Table.Value.Count;

    /// <summary>
    /// A comparison key that ignores case and look-alikes: the TR39 skeleton (NFD, without default-ignorable code
    /// points, each code point replaced by its prototype, NFD again) built with each code point's
    /// <see cref="CaseFoldedPrototype"/>, lower-cased. "Ann", "ANN" and "Аnn" share it, and so do "P0", "p0", "Р0" and
    /// "Hans", "Нans" (Cyrillic capital en).
    /// </summary>
    public static string Key(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (!UnicodeSets.IsDefaultIgnorable(rune))
            {
                builder.Append(CaseFoldedPrototype(rune));
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormD).ToLowerInvariant();
    }

    /// <summary>
    /// The prototype of one code point for a comparison that ignores case. A Latin letter goes through its lower case,
    /// so "I" is "i" and not the "l" it is confusable with; any other code point is judged by its own look first (its
    /// prototype), then that is lower-cased: Cyrillic capital "Н" looks like "H" and folds to "h", although its small
    /// letter "н" looks like a small capital "ʜ", not an "h".
    /// </summary>
    public static string CaseFoldedPrototype(Rune rune)
    {
        if (rune.IsAscii)
        {
            return Prototype(Rune.ToLowerInvariant(rune));
        }

        var own = Prototype(rune);
        var builder = new StringBuilder(own.Length);
        foreach (var part in own.EnumerateRunes())
        {
            builder.Append(Prototype(Rune.ToLowerInvariant(part)));
        }

        return builder.ToString();
    }

    /// <summary>The prototype of one code point (in NFD), or the code point itself when it has none.</summary>
    public static string Prototype(Rune rune) =>
        Table.Value.TryGetValue(rune.Value, out var prototype) ? prototype : rune.ToString();

    private static FrozenDictionary<int, string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var separator = line.IndexOf(';', StringComparison.Ordinal);
            var source = int.Parse(line.AsSpan(0, separator), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var prototype = new StringBuilder();
            foreach (var hex in line[(separator + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                prototype.Append(char.ConvertFromUtf32(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }

            table[source] = prototype.ToString();
        }

        return table.ToFrozenDictionary();
    }
}
