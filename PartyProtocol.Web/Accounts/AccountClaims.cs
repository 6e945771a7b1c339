using System.Security.Claims;

namespace PartyProtocol.Web.Accounts;

/// <summary>Reads the account behind a request or circuit, whether it came with the cookie or a bearer token.</summary>
public static class AccountClaims
{
    /// <summary>The signed-in account's id, or null for an anonymous caller.</summary>
    public static string? UserId(this ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}
