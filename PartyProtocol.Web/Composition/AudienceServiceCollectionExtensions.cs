using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
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
        services.AddOptions<AudienceOptions>().BindConfiguration(AudienceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<AudienceBroadcaster>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AudienceOptions>>().Value;
            return new AudienceFanout(sp.GetRequiredService<GameEventBus>(),
                options.SenderThreads is > 0 and var threads ? threads : AudienceFanout.DefaultThreads,
                options.SenderNiceness);
        });
        return services;
    }

    /// <summary>The audience's own phone page, <c>/audience/{code}</c>: plain HTML in the room's language, no Blazor circuit per member.</summary>
    public static IEndpointRouteBuilder MapAudiencePage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/audience/{code}", AudiencePage.ServeAsync).ExcludeFromDescription();
        return endpoints;
    }
}
