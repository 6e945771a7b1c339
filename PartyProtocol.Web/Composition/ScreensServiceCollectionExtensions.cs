using Microsoft.AspNetCore.Components.Server.Circuits;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Web.Components.Browser;
using PartyProtocol.Web.Components.Cartridges;
using PartyProtocol.Web.Components.Cartridges.Bluff;

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

        // Adding a game: register its views here, next to its cartridge in AddGameEngine; the pages stay as they are.
        services.AddCartridgeViews<BluffHostView, BluffPlayerView>(BluffCartridge.GameKey);
        services.AddSingleton<ICartridgeViews, CartridgeViewRegistry>();

        services.AddScoped<ISessionTokenStore, ProtectedSessionTokenStore>();
        services.AddScoped<CircuitPresence>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitPresence>());
        return services;
    }
}
