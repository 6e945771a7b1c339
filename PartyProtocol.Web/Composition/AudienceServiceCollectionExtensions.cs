using Microsoft.Extensions.DependencyInjection.Extensions;
using PartyProtocol.Core.Audience;
using PartyProtocol.Core.Events;
using PartyProtocol.Web.Audience;

namespace PartyProtocol.Web.Composition;

/// <summary>The audience: its counters (in memory; multi-instance mode replaces them with Redis), its updates and its page.</summary>
public static class AudienceServiceCollectionExtensions
{
    public static IServiceCollection AddAudience(this IServiceCollection services)
    {
        services.TryAddSingleton<IAudienceStore, InMemoryAudienceStore>();
        services.AddOptions<AudienceOptions>().BindConfiguration(AudienceOptions.SectionName);
        services.AddHostedService<AudienceBroadcaster>();
        services.TryAddSingleton(sp => new AudienceFanout(sp.GetRequiredService<GameEventBus>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AudienceOptions>>().Value.SenderThreads is > 0 and var threads
                ? threads
                : AudienceFanout.DefaultThreads));
        return services;
    }

    /// <summary>The audience's own phone page, <c>/audience/{code}</c>: plain HTML in the room's language, no Blazor circuit per member.</summary>
    public static IEndpointRouteBuilder MapAudiencePage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/audience/{code}", AudiencePage.ServeAsync).ExcludeFromDescription();
        return endpoints;
    }
}
