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
    /// The TR39 skeleton: NFD, without default-ignorable code points, each code point replaced by its prototype,
    /// NFD again. Two texts whose skeletons are equal look alike. Case is kept: see <see cref="Key"/>.
    /// </summary>
    public static string Skeleton(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (!UnicodeSets.IsDefaultIgnorable(rune))
            {
                builder.Append(Prototype(rune));
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormD);
    }

    /// <summary>
    /// A comparison key that ignores case and look-alikes: the skeleton of the lower-cased text, lower-cased. "Ann",
    /// "ANN" and "Аnn" share it, and so do "P0", "p0" and "Р0".
    /// </summary>
    public static string Key(string text) =>
        Skeleton(text.ToLowerInvariant()).ToLowerInvariant();

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
