using Microsoft.Extensions.Options;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Core.Moderation;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Web.Composition;

/// <summary>Registers the game engine: cartridges, question packs, the session store, clock, event bus and service.</summary>
public static class GameEngineServiceCollectionExtensions
{
    public static IServiceCollection AddGameEngine(this IServiceCollection services)
    {
        services.AddOptions<GameSessionOptions>()
            .BindConfiguration(GameSessionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ContentOptions>()
            .BindConfiguration(ContentOptions.SectionName);
        services.AddOptions<ModerationOptions>()
            .BindConfiguration(ModerationOptions.SectionName);
        // Family-friendly mode's word list: the shipped English list plus the deployment's own words.
        services.AddSingleton(sp => new ProfanityFilter(sp.GetRequiredService<IOptions<ModerationOptions>>().Value.ExtraWords));

        services.AddSingleton(TimeProvider.System);
        // Games come in as modules (AddCartridge<TModule>()); their questions are loaded and checked at start-up here.
        services.AddHostedService<GamesValidator>();
        services.AddSingleton<CartridgeRegistry>();

        services.AddSingleton(sp => new GameEventBus());
        services.AddSingleton<InMemorySessionStore>();
        services.AddSingleton<ISessionStore>(sp => sp.GetRequiredService<InMemorySessionStore>());
        services.AddSingleton<InMemoryDeadlineScheduler>();
        services.AddSingleton<IDeadlineScheduler>(sp => sp.GetRequiredService<InMemoryDeadlineScheduler>());
        services.AddSingleton(sp => new GameService(
            sp.GetRequiredService<CartridgeRegistry>(),
            sp.GetRequiredService<ISessionStore>(),
            sp.GetRequiredService<GameEventBus>(),
            sp.GetRequiredService<IDeadlineScheduler>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<GameSessionOptions>>().Value,
            sp.GetRequiredService<ProfanityFilter>(),
            sp.GetService<Core.Audience.IAudienceStore>()));
        services.AddSingleton<PresenceTracker>();
        return services;
    }
}

/// <summary>Question content settings (configuration section <c>Content</c>).</summary>
public sealed class ContentOptions
{
    public const string SectionName = "Content";

    /// <summary>A folder of extra question-pack JSON files loaded beside the built-in packs.</summary>
    public string? ExtraPacksFolder { get; set; }
}

/// <summary>Moderation settings (configuration section <c>Moderation</c>).</summary>
public sealed class ModerationOptions
{
    public const string SectionName = "Moderation";

    /// <summary>Words or phrases family-friendly mode refuses beside the shipped English list.</summary>
    public List<string> ExtraWords { get; set; } = [];
}

/// <summary>
/// Checks the installed games while the host starts: every module installed a cartridge under its key, every game's
/// questions load and pass the content lint, and every file in the extra packs folder belongs to an installed game.
/// A problem stops start-up with the game, file, question and field named.
/// </summary>
internal sealed class GamesValidator(CartridgeRegistry cartridges, IEnumerable<InstalledModule> modules, IEnumerable<IQuestionLibrary> libraries,
    IOptions<ContentOptions> content, ILogger<GamesValidator> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var module in modules)
        {
            if (cartridges.Find(module.GameKey) is null)
            {
                throw new InvalidOperationException($"{module.ModuleType.Name} installs no cartridge with the key '{module.GameKey}'.");
            }
        }

        if (content.Value.ExtraPacksFolder is { } folder && Directory.Exists(folder))
        {
            foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                var game = QuestionLibrary<PackOnly>.GameOf(File.ReadAllText(file));
                if (game is null || cartridges.Find(game) is null)
                {
                    throw new QuestionPackException(game is null
                        ? $"{Path.GetFileName(file)}: say which game the pack is for (\"game\": \"bluff\"), or put it in a folder named after the game."
                        : $"{Path.GetFileName(file)}: is a pack for '{game}', which is not installed.");
                }
            }
        }

        foreach (var library in libraries)
        {
            logger.LogInformation("{Game}: {Count} questions in {Packs} packs and {Categories} categories.", library.GameKey, library.Count,
                library.Packs.Count, library.Categories.Count());
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Only to read a pack's game before its shape is known.</summary>
    private sealed record PackOnly(string Id, string Category, bool FamilyFriendly, string? Source) : IQuestion;
}
