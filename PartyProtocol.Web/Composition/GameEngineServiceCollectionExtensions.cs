using Microsoft.Extensions.Options;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
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

        services.AddSingleton(TimeProvider.System);
        // Loaded (and validated) eagerly by QuestionBankValidator at start-up: a bad pack stops the app.
        services.AddSingleton(sp => QuestionBank.LoadDefault(sp.GetRequiredService<IOptions<ContentOptions>>().Value.ExtraPacksFolder));
        services.AddHostedService<QuestionBankValidator>();

        // Adding a game: register its cartridge here (and its views in the web project); nothing else changes.
        services.AddSingleton<ICartridge, BluffCartridge>();
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
            sp.GetRequiredService<IOptions<GameSessionOptions>>().Value));
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

/// <summary>Loads the question packs while the host starts, so a pack that fails validation stops start-up.</summary>
internal sealed class QuestionBankValidator(QuestionBank bank, ILogger<QuestionBankValidator> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var categories = bank.Categories.Count();
        logger.LogInformation("Loaded {Count} questions in {Categories} categories.", bank.Questions.Count, categories);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
