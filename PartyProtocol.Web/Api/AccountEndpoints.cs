using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PartyProtocol.Web.Accounts;

namespace PartyProtocol.Web.Api;

/// <summary>
/// Accounts for API clients: ASP.NET Core Identity's endpoints under <c>/api/account</c> (register, login — with
/// <c>?useCookies=true</c> for the cookie, else a bearer token —, refresh, manage/info, …) plus cookie sign-out;
/// and the pages' sign-out form endpoint, <c>POST /Account/Logout</c>.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/account").WithTags("Account");
        // Log-ins and registrations are limited per client (RateLimits:AccountLoginsPerMinute, AccountRegistrationsPerHour).
        api.MapIdentityApi<ApplicationUser>().RequireRateLimiting(ApiRateLimiting.AccountPolicy);
        api.MapPost("/logout", SignOutApiAsync)
            .RequireAuthorization()
            .WithSummary("Ends the cookie session (bearer tokens simply expire; forget them).");

        // Pages post here: a Blazor circuit cannot change cookies, a plain form post can. Antiforgery is checked
        // because the endpoint binds a form.
        endpoints.MapPost("/Account/Logout", SignOutFormAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<NoContent> SignOutApiAsync(SignInManager<ApplicationUser> signInManager)
    {
        await signInManager.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static async Task<RedirectHttpResult> SignOutFormAsync(SignInManager<ApplicationUser> signInManager,
        [FromForm] string? returnUrl)
    {
        await signInManager.SignOutAsync();
        return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }
}
