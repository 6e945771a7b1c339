using System.Security.Claims;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Tests.Web.Presets;

/// <summary>bUnit with a real <see cref="PresetService"/> on a migrated SQLite file and a signed-in (or anonymous) account.</summary>
public abstract class PresetComponentTestBase : BunitTestBase, IAsyncLifetime
{
    protected PresetTestDatabase Database { get; } = new();

    protected PresetService Presets { get; private set; } = default!;

    protected BunitAuthorizationContext Auth { get; private set; } = default!;

    protected string OwnerId { get; private set; } = string.Empty;

    protected ICartridge Bluff => Engine.Registry.Get(BluffCartridge.GameKey);

    protected override void ConfigureServices()
    {
        Presets = Database.CreateService(Engine.Registry, Engine.Time);
        Services.AddSingleton(Presets);
        Services.AddSingleton<ISessionPresetSource>(new SessionPresetSource(Presets));
        Auth = AddAuthorization();
    }

    public async Task InitializeAsync()
    {
        await Database.MigrateAsync();
        OwnerId = await Database.AddUserAsync("host@example.test");
    }

    protected void SignIn()
    {
        Auth.SetAuthorized("host@example.test");
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, OwnerId));
    }

    protected async Task<PresetView> SaveAsync(string name, object? settings = null)
    {
        var saved = await Presets.CreateAsync(OwnerId, new PresetInput(name, BluffCartridge.GameKey, settings is null ? null : TestEngine.Settings(settings)));
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        return saved.Value!;
    }

    // MudBlazor's keyboard service only disposes asynchronously; xUnit's synchronous Dispose afterwards is then a no-op.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Database.Dispose();
        }
    }
}
