using Microsoft.Extensions.DependencyInjection.Extensions;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Components.Cartridges;
using PartyProtocol.Web.Packs;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Web.Composition;

/// <summary>
/// A game as one module: everything one game brings — its cartridge, its questions, its big-screen and phone views,
/// its preset settings mapper, the storage of hosts' own packs of its questions — registered by one line, <c>services.AddCartridge&lt;TModule&gt;()</c>, the way
/// <c>AddMudServices()</c> brings a whole library in. Adding a game touches no platform file.
/// </summary>
public abstract class CartridgeModule
{
    /// <summary>The cartridge's key (the same as its <see cref="ICartridge.Key"/>).</summary>
    public abstract string GameKey { get; }

    /// <summary>Registers the game's parts.</summary>
    public abstract void Register(CartridgeModuleBuilder game);
}

/// <summary>What a <see cref="CartridgeModule"/> registers; each call adds one part of the game.</summary>
public sealed class CartridgeModuleBuilder
{
    internal CartridgeModuleBuilder(IServiceCollection services, string gameKey)
    {
        Services = services;
        GameKey = gameKey;
    }

    /// <summary>For anything else the game needs.</summary>
    public IServiceCollection Services { get; }

    public string GameKey { get; }

    /// <summary>The game's cartridge (a singleton; its constructor may take the game's questions).</summary>
    public CartridgeModuleBuilder Cartridge<TCartridge>() where TCartridge : class, ICartridge
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<ICartridge, TCartridge>());
        return this;
    }

    /// <summary>
    /// The game's questions, loaded once and checked by the content lint at start-up (a bad pack stops the app with
    /// the file, question and field named). <paramref name="load"/> gets the folder of extra packs, if one is set.
    /// </summary>
    public CartridgeModuleBuilder Questions<TQuestion>(Func<string?, QuestionLibrary<TQuestion>> load) where TQuestion : class, IQuestion
    {
        Services.AddSingleton(sp => load(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ContentOptions>>().Value.ExtraPacksFolder));
        Services.AddSingleton<IQuestionLibrary>(sp => sp.GetRequiredService<QuestionLibrary<TQuestion>>());
        return this;
    }

    /// <summary>The game's big-screen and phone views.</summary>
    public CartridgeModuleBuilder Views<THostView, TPlayerView>()
        where THostView : CartridgeHostView
        where TPlayerView : CartridgePlayerView
    {
        Services.AddSingleton(new CartridgeViewSet(GameKey, typeof(THostView), typeof(TPlayerView)));
        return this;
    }

    /// <summary>Stores the game's settings in presets (its own table; add a migration with it).</summary>
    public CartridgeModuleBuilder Presets<TMapper>() where TMapper : class, IPresetSettingsMapper
    {
        Services.AddPresetSettingsMapper<TMapper>();
        return this;
    }

    /// <summary>
    /// Lets hosts write, import, share and play their own packs of the game's questions: <typeparamref name="TMapper"/>
    /// stores them in the game's own table (add a migration with it). The cartridge must be a question game
    /// (<see cref="IQuestionGame"/>) of <typeparamref name="TQuestion"/>; start-up checks it.
    /// </summary>
    public CartridgeModuleBuilder CustomPacks<TQuestion, TMapper>()
        where TQuestion : class, IQuestion
        where TMapper : class, IPackQuestionMapper<TQuestion>
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPackQuestionMapper, TMapper>());
        return this;
    }
}

/// <summary>Registers games.</summary>
public static class CartridgeModuleServiceCollectionExtensions
{
    /// <summary>Installs one game: its module registers every part of it.</summary>
    public static IServiceCollection AddCartridge<TModule>(this IServiceCollection services) where TModule : CartridgeModule, new()
    {
        var module = new TModule();
        module.Register(new CartridgeModuleBuilder(services, module.GameKey));
        services.AddSingleton(new InstalledModule(module.GameKey, typeof(TModule)));
        return services;
    }
}

/// <summary>A module that was added, so start-up can check it installed a cartridge under its key.</summary>
public sealed record InstalledModule(string GameKey, Type ModuleType);
