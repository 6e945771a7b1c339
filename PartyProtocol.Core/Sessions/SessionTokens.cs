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

    /// <summary>Whether <paramref name="token"/> hashes to <paramref name="storedHash"/>, in constant time.</summary>
    public static bool Matches(string? token, string storedHash)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 256)
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), presented);
        Span<byte> stored = stackalloc byte[32];
        return Convert.TryFromBase64String(storedHash, stored, out var written) && written == 32
            && CryptographicOperations.FixedTimeEquals(presented, stored);
    }
}
