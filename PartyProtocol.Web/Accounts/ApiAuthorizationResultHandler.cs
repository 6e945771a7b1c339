using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Api;

namespace PartyProtocol.Web.Accounts;

/// <summary>
/// API clients get 401/403 as problem+json, never the cookie scheme's redirect to the login page (which is right
/// for the pages and wrong for <c>/api</c>). Everything outside <c>/api</c> keeps the default behaviour.
/// </summary>
internal sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!context.Request.Path.StartsWithSegments("/api") || authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var (status, code, detail) = authorizeResult.Forbidden
            ? (StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Your account may not do that.")
            : (StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized,
                "Sign in first: send 'Authorization: Bearer <accessToken>' from POST /api/account/login, or the sign-in cookie.");
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        await ApiProblem.Create(status, code, detail).WriteAsync(context);
    }
}
