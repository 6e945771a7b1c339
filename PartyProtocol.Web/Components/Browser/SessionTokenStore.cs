using System.Security.Cryptography;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.JSInterop;

namespace PartyProtocol.Web.Components.Browser;

/// <summary>Which token of a session a browser keeps.</summary>
public enum SessionTokenKind
{
    /// <summary>The owner token of a session this browser created (the host screen).</summary>
    Owner,
    /// <summary>The player token of the seat this browser holds.</summary>
    Player,
}

/// <summary>
/// Keeps session tokens in the browser, keyed by room code, so a reload or a phone waking up resumes the same seat.
/// Only usable once the circuit is interactive (browser storage needs JavaScript).
/// </summary>
public interface ISessionTokenStore
{
    ValueTask<string?> GetAsync(SessionTokenKind kind, string code);

    ValueTask SaveAsync(SessionTokenKind kind, string code, string token);

    ValueTask ForgetAsync(SessionTokenKind kind, string code);
}

/// <summary>
/// <see cref="ISessionTokenStore"/> on <see cref="ProtectedLocalStorage"/>: the token is encrypted with the server's
/// data-protection keys, so a script on the page or a curious player cannot lift another seat's token from storage.
/// </summary>
public sealed class ProtectedSessionTokenStore(ProtectedLocalStorage storage, ILogger<ProtectedSessionTokenStore> logger) : ISessionTokenStore
{
    public async ValueTask<string?> GetAsync(SessionTokenKind kind, string code)
    {
        try
        {
            var result = await storage.GetAsync<string>(Key(kind, code));
            return result.Success ? result.Value : null;
        }
        catch (CryptographicException ex)
        {
            // Keys rotated or the server was reinstalled: the stored token is unreadable, which is the same as none.
            logger.LogInformation(ex, "Discarding an unreadable {Kind} token for {Code}.", kind, code);
            await ForgetAsync(kind, code);
            return null;
        }
        catch (JSDisconnectedException)
        {
            return null;
        }
    }

    public async ValueTask SaveAsync(SessionTokenKind kind, string code, string token)
    {
        try
        {
            await storage.SetAsync(Key(kind, code), token);
        }
        catch (JSDisconnectedException)
        {
            // The page is gone; there is nobody left to resume.
        }
    }

    public async ValueTask ForgetAsync(SessionTokenKind kind, string code)
    {
        try
        {
            await storage.DeleteAsync(Key(kind, code));
        }
        catch (JSDisconnectedException)
        {
            // The page is gone; the entry goes with the next successful visit.
        }
    }

    private static string Key(SessionTokenKind kind, string code) =>
        $"partyprotocol:{(kind == SessionTokenKind.Owner ? "owner" : "player")}:{code.ToUpperInvariant()}";
}
