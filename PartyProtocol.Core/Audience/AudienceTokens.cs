using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Core.Audience;

/// <summary>
/// Self-verifying audience tokens: <c>a.&lt;audienceId&gt;.&lt;mac&gt;</c>, where the mac is an HMAC-SHA256 of the room
/// code and the audience id under a key only the session record holds. Joining therefore writes nothing per member to
/// the session: any instance checks a token with one read of the session it already makes. The key is derived from
/// the session's own secrets (the owner token's hash, never sent anywhere, and its creation time), so a later session
/// that reuses the room code does not accept the old tokens.
/// </summary>
public static class AudienceTokens
{
    private const string Prefix = "a.";
    private const int IdBytes = 8;
    private const int MacChars = 22;

    /// <summary>Whether <paramref name="token"/> has the shape of an audience token (it may still be forged).</summary>
    public static bool LooksLike([NotNullWhen(true)] string? token) => token is { Length: > 2 and < 64 } && token.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>A new member's id and token for <paramref name="session"/>.</summary>
    public static (string AudienceId, string Token) Create(Session session)
    {
        var id = "u" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        return (id, Prefix + id + "." + Mac(session, id));
    }

    /// <summary>The audience id the token proves for <paramref name="session"/>, or null for a token it did not issue.</summary>
    public static string? Verify(Session session, string? token)
    {
        if (!LooksLike(token))
        {
            return null;
        }

        var rest = token.AsSpan(Prefix.Length);
        var dot = rest.IndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        var id = rest[..dot].ToString();
        var expected = Mac(session, id);
        var presented = rest[(dot + 1)..];
        return presented.Length == expected.Length
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented.ToArray()), Encoding.ASCII.GetBytes(expected))
            ? id
            : null;
    }

    private static string Mac(Session session, string audienceId)
    {
        Span<byte> key = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"audience\n{session.OwnerTokenHash}\n{session.CreatedAt.UtcTicks}"), key);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(session.Code + "\n" + audienceId), mac);
        return Base64Url.EncodeToString(mac)[..MacChars];
    }
}
