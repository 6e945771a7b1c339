using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;
using PartyProtocol.Web.Components.Browser;
using PartyProtocol.Web.Components.Cartridges;
using PartyProtocol.Web.Protection;

namespace PartyProtocol.Web.Composition;

/// <summary>Registers what the host and player screens need beside the game engine.</summary>
public static class ScreensServiceCollectionExtensions
{
    public static IServiceCollection AddScreens(this IServiceCollection services)
    {
        services.AddOptions<ScreensOptions>()
            .BindConfiguration(ScreensOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<CircuitOptions>().Configure<IOptions<ScreensOptions>>((circuits, screens) =>
        {
            circuits.DisconnectedCircuitMaxRetained = screens.Value.DisconnectedCircuitMaxRetained;
            circuits.DisconnectedCircuitRetentionPeriod = screens.Value.DisconnectedCircuitRetention;
        });

        // Each game's views come in with its module (AddCartridge<TModule>()); the pages find them by game key.
        services.AddSingleton<ICartridgeViews, CartridgeViewRegistry>();

        // The pages' own guards (the /join page's room-code lookups) and each circuit's place under the connection cap.
        services.AddClientProtection();
        services.AddScoped<ISessionTokenStore, ProtectedSessionTokenStore>();
        services.AddScoped<CircuitPresence>();
        services.AddScoped<SoundBoard>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitPresence>());
        return services;
    }
}
