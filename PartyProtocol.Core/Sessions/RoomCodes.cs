using System.Reflection;
using System.Security.Cryptography;

namespace PartyProtocol.Core.Sessions;

/// <summary>
/// Four-letter room codes from an alphabet without look-alike letters (no I, L or O, which read as 1 and 0),
/// never one of the words in the embedded blocklist.
/// </summary>
public static class RoomCodes
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 4;

    private static readonly Lazy<HashSet<string>> Blocked = new(LoadBlocklist);

    /// <summary>The offensive words no code may spell.</summary>
    public static IReadOnlySet<string> Blocklist => Blocked.Value;

    /// <summary>A random code that is not on the blocklist (uniqueness is the store's job).</summary>
    public static string Next()
    {
        while (true)
        {
            var code = string.Create(Length, 0, static (span, _) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
                }
            });
            if (!Blocked.Value.Contains(code))
            {
                return code;
            }
        }
    }

    /// <summary>Upper-cases and trims what a person typed; null when it cannot be a room code.</summary>
    public static string? Normalize(string? input)
    {
        var code = input?.Trim().ToUpperInvariant();
        return code is { Length: Length } && code.All(Alphabet.Contains) ? code : null;
    }

    private static HashSet<string> LoadBlocklist()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PartyProtocol.Core.Sessions.RoomCodeBlocklist.txt")
            ?? throw new InvalidOperationException("The room-code blocklist resource is missing.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim();
            if (word.Length > 0 && !word.StartsWith('#'))
            {
                words.Add(word.ToUpperInvariant());
            }
        }

        return words;
    }
}
