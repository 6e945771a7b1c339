using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PartyProtocol.Core.Sessions;

/// <summary>
/// Owner and player tokens: 256 random bits, URL-safe. Only their SHA-256 hashes are stored; a presented token is
/// hashed and compared in constant time.
/// </summary>
public static class SessionTokens
{
    /// <summary>Length of a token: 32 bytes in unpadded base64url.</summary>
    public const int Length = 43;

    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether <paramref name="token"/> has the shape of a session token (it may still match no session).</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> token) => token.Length == Length && !token.ContainsAnyExcept(Base64UrlAlphabet);

    public static string Hash(string token) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Bytes of a token's hash (SHA-256).</summary>
    public const int HashBytes = 32;

    /// <summary>Whether <paramref name="token"/> hashes to <paramref name="storedHash"/>, in constant time.</summary>
    public static bool Matches(string? token, string storedHash)
    {
        Span<byte> presented = stackalloc byte[HashBytes];
        return TryHash(token, presented) && Matches(presented, storedHash);
    }

    /// <summary>
    /// The hash <see cref="Matches(ReadOnlySpan{byte}, string)"/> compares, worked out once for a token compared with
    /// several stored hashes (a session's owner and players); false for a token no session issues (empty, or too long).
    /// </summary>
    public static bool TryHash(string? token, Span<byte> hash)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 256)
        {
            return false;
        }

        // At most 256 characters, so at most 768 UTF-8 bytes: on the stack, as this runs for every move and view read.
        Span<byte> utf8 = stackalloc byte[768];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(token, utf8)], hash);
        return true;
    }

    /// <summary>Whether a hash from <see cref="TryHash"/> is <paramref name="storedHash"/>, in constant time.</summary>
    public static bool Matches(ReadOnlySpan<byte> presentedHash, string storedHash)
    {
        Span<byte> stored = stackalloc byte[HashBytes];
        return Convert.TryFromBase64String(storedHash, stored, out var written) && written == HashBytes
            && CryptographicOperations.FixedTimeEquals(presentedHash, stored);
    }
}
