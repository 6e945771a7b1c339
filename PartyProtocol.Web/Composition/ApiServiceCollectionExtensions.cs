using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PartyProtocol.Web.Api;
using PartyProtocol.Web.Protection;
using Scalar.AspNetCore;

namespace PartyProtocol.Web.Composition;

/// <summary>The REST API: JSON shape, rate limits, OpenAPI; its middleware; its endpoints.</summary>
public static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddPartyApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => GameJsonConfiguration.ApplyTo(options.SerializerOptions, forReading: false));

        services.AddClientProtection();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<RateLimitOptions>>((options, limits) => ApiRateLimiting.Configure(options, limits.Value));

        services.AddOpenApi(ApiOpenApi.Configure);
        return services;
    }

    /// <summary>Problem+json for everything under /api (body cap, routing errors, last-resort 500) and the rate limiter.</summary>
    public static IApplicationBuilder UsePartyApi(this IApplicationBuilder app)
    {
        app.UseMiddleware<ApiProblemMiddleware>();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The REST endpoints, the OpenAPI document at /openapi/v1.json and its reference page at /scalar.</summary>
    public static IEndpointRouteBuilder MapPartyApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGameEndpoints();
        endpoints.MapSessionEndpoints();
        endpoints.MapPlayerEndpoints();
        endpoints.MapAudienceEndpoints();
        endpoints.MapMoveEndpoints();
        endpoints.MapOpenApi();
        // Served fully offline: a server on a LAN has no internet, and a reference page calls out to no one — no web fonts,
        // no telemetry, no AI agent, no MCP, no "open in the Scalar client" or other online services.
        endpoints.MapScalarApiReference(options => options
            .WithTitle("PartyProtocol API")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideClientButton()
            .HideDeveloperTools()
            .WithCustomCss(":root { --scalar-font: system-ui, sans-serif; --scalar-font-code: ui-monospace, monospace; }"));
        return endpoints;
    }
}
