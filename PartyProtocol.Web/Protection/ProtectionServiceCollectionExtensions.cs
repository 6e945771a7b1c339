using Microsoft.AspNetCore.Components.Server.Circuits;
using PartyProtocol.Web.Api;

namespace PartyProtocol.Web.Protection;

/// <summary>What keeps one client from taking more than its share: the guards the API, the real-time endpoints and the pages share.</summary>
public static class ProtectionServiceCollectionExtensions
{
    /// <summary>Registers the guards (once, however many features ask for them).</summary>
    public static IServiceCollection AddClientProtection(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ConnectionLimiter)))
        {
            return services;
        }

        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RealtimeOptions>()
            .BindConfiguration(RealtimeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddSingleton<ConnectionLimiter>();
        services.AddSingleton<UnknownCodeGuard>();
        services.AddSingleton<OriginPolicy>();
        services.AddSingleton<UnknownCodeFilter>();
        // The circuit's handler is the scoped CircuitClient itself, so the pages that inject it see the same instance.
        services.AddScoped<CircuitClient>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitClient>());
        return services;
    }
}
