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
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

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
