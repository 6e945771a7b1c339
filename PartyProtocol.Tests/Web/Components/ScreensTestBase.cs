using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Core.Cartridges.Bluff;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Presets;
using PartyProtocol.Web.Components.Browser;
using PartyProtocol.Web.Components.Cartridges.Bluff;
using PartyProtocol.Web.Composition;
using PartyProtocol.Web.Presets;
using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Tests.Web.Components;

/// <summary>
/// The screens' bUnit set-up: the app's own screen registrations (<c>AddScreens</c>) on the real engine of
/// <see cref="BunitTestBase"/>, a real <see cref="PresenceTracker"/>, and browser storage kept in memory.
/// </summary>
public abstract class ScreensTestBase(TestEngine? engine = null) : BunitTestBase(engine)
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private PresetTestDatabase? _presetDatabase;

    protected override void ConfigureServices()
    {
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddSingleton(new PresenceTracker(Engine.Service, NullLogger<PresenceTracker>.Instance));
        Services.AddScreens();
        // The games' views come with their modules; the engine itself is the test engine's.
        Services.AddCartridge<BluffModule>();
        Services.AddSingleton<ISessionTokenStore>(Tokens);
    }

    /// <summary>
    /// The presets the setup form's picker offers, from a database of this test's own, and an anonymous user (for
    /// <c>ConfigureServices</c>).
    /// </summary>
    protected void AddPresets()
    {
        _presetDatabase = new PresetTestDatabase();
        var presets = _presetDatabase.CreateService(Engine.Registry, Engine.Time);
        Services.AddSingleton(presets);
        Services.AddSingleton<ISessionPresetSource>(new SessionPresetSource(presets));
        AddAuthorization();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _presetDatabase?.Dispose();
        }
    }

    /// <summary>What the browser would keep in local storage.</summary>
    protected MemoryTokenStore Tokens { get; } = new();

    protected BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    protected PresenceTracker Presence => Services.GetRequiredService<PresenceTracker>();

    /// <summary>Renders the providers the layout holds, so dialogs and popovers have somewhere to appear.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        Render<MudPopoverProvider>();
        return Render<MudDialogProvider>();
    }

    /// <summary>A Bluff room with the given players seated, its owner token kept as the host's browser would.</summary>
    protected async Task<TestGame> RoomAsync(object? settings = null, params string[] players)
    {
        var game = await Engine.CreateAsync(settings, players);
        await Tokens.SaveAsync(SessionTokenKind.Owner, game.Code, game.OwnerToken);
        return game;
    }

    /// <summary>Keeps a player's token as their phone's browser would.</summary>
    protected Task KeepPlayerTokenAsync(TestGame game, string player) =>
        Tokens.SaveAsync(SessionTokenKind.Player, game.Code, game.Token(player)).AsTask();

    /// <summary>Plays from the lobby into the guess phase with the given lies (player → lie).</summary>
    protected static async Task ToGuessAsync(TestGame game, params (string Player, string Lie)[] lies)
    {
        if ((await game.ViewAsync()).Status == "lobby")
        {
            Assert.True((await game.PlayAsync()).IsSuccess);
        }

        foreach (var (player, lie) in lies)
        {
            var result = await game.LieAsync(player, lie);
            Assert.True(result.IsSuccess, result.Error?.Message);
        }

        Assert.Equal(BluffPhases.Guess, (await game.StateAsync()).Phase);
    }

    /// <summary>Makes the guesses (player → answer text, or null for the truth), which starts the reveal.</summary>
    protected static async Task ToRevealAsync(TestGame game, params (string Player, string? Answer)[] guesses)
    {
        foreach (var (player, answer) in guesses)
        {
            var id = answer is null ? await game.TruthIdAsync() : await game.AnswerIdAsync(answer);
            var result = await game.GuessAsync(player, id);
            Assert.True(result.IsSuccess, result.Error?.Message);
        }

        Assert.Equal(BluffPhases.Reveal, (await game.StateAsync()).Phase);
    }

    /// <summary>Lets the reveal run out on the fake clock, up to the scoreboard.</summary>
    protected async Task ToScoreboardAsync(TestGame game)
    {
        for (var i = 0; i < 20 && (await game.StateAsync()).Phase == BluffPhases.Reveal; i++)
        {
            Engine.Time.Advance(TimeSpan.FromSeconds(4));
        }

        Assert.Equal(BluffPhases.Scoreboard, (await game.StateAsync()).Phase);
    }

    /// <summary>The truth of the round being played (tests may look; screens never can).</summary>
    protected static async Task<string> TruthAsync(TestGame game) => (await game.StateAsync()).Question.Truth;
}

/// <summary>Browser storage for tests: the same contract as the protected local storage, kept in memory.</summary>
public sealed class MemoryTokenStore : ISessionTokenStore
{
    private readonly Dictionary<(SessionTokenKind, string), string> _tokens = [];

    public ValueTask<string?> GetAsync(SessionTokenKind kind, string code)
    {
        lock (_tokens)
        {
            return ValueTask.FromResult(_tokens.GetValueOrDefault((kind, code.ToUpperInvariant())));
        }
    }

    public ValueTask SaveAsync(SessionTokenKind kind, string code, string token)
    {
        lock (_tokens)
        {
            _tokens[(kind, code.ToUpperInvariant())] = token;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ForgetAsync(SessionTokenKind kind, string code)
    {
        lock (_tokens)
        {
            _tokens.Remove((kind, code.ToUpperInvariant()));
        }

        return ValueTask.CompletedTask;
    }

    public string? Peek(SessionTokenKind kind, string code)
    {
        lock (_tokens)
        {
            return _tokens.GetValueOrDefault((kind, code.ToUpperInvariant()));
        }
    }
}
