using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using PartyProtocol.Core.Content;
using PartyProtocol.Web.Accounts;

namespace PartyProtocol.Web.Localization;

/// <summary>
/// English and Danish: each request's language from the player's own choice (a cookie set by the join page's switch)
/// or else the browser's Accept-Language; <see cref="PartyText"/> gives the screens their texts, and problem documents
/// take their <c>detail</c> from the same resources (<see cref="ProblemText"/>).
/// </summary>
public static class PartyLocalizationExtensions
{
    /// <summary>The switch's address: <c>/language?set=da&amp;return=/join</c> keeps the choice and goes back.</summary>
    public const string SwitchPath = "/language";

    public static IServiceCollection AddPartyLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddHttpContextAccessor();
        services.AddScoped<PartyText>();
        // After AddMudServices: MudBlazor's words follow the screen's language too.
        services.AddLocalizationInterceptor<PartyMudTexts>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(PackLanguage.Default);
            options.SupportedCultures = UiLanguages.Cultures;
            options.SupportedUICultures = UiLanguages.Cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = UiLanguages.CookieName },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    public static IApplicationBuilder UsePartyLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();

    /// <summary>The language switch: a plain link, so it works before the page is interactive and without script.</summary>
    public static IEndpointRouteBuilder MapPartyLocalization(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SwitchPath, (HttpContext context, string? set, string? @return) =>
        {
            if (UiLanguages.Supported(set) is { } language)
            {
                context.Response.Cookies.Append(UiLanguages.CookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            }

            return TypedResults.LocalRedirect(LocalUrl.OrHome(@return));
        }).ExcludeFromDescription();
        return endpoints;
    }
}
