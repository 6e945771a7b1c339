using PartyProtocol.Web.Components.Cartridges.Bluff;
using PartyProtocol.Web.Components.Cartridges.Quiz;

namespace PartyProtocol.Web.Composition;

/// <summary>The games this server ships, one line each. Adding a game is adding its line here.</summary>
public static class InstalledGames
{
    public static IServiceCollection AddInstalledGames(this IServiceCollection services) => services
        .AddCartridge<BluffModule>()
        .AddCartridge<QuizModule>();
}
