using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Tests.Infrastructure;

/// <summary>
/// One bUnit set-up for every component test: MudBlazor services, loose JS interop, an interactive server renderer,
/// and a real game engine on a fake clock registered as the service the components call.
/// </summary>
public abstract class BunitTestBase : BunitContext, IAsyncLifetime
{
    /// <param name="engine">The engine to render against: Bluff only by default; a game's tests pass one with their game installed.</param>
    protected BunitTestBase(TestEngine? engine = null)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Engine = engine ?? CreateEngine();
        Services.AddSingleton(Engine.Service);
        Services.AddSingleton(Engine.Bus);
        Services.AddSingleton(Engine.Registry);
        Services.AddSingleton<TimeProvider>(Engine.Time);
        Services.AddPartyLocalization();
        if (Language is { } language)
        {
            Services.AddScoped(_ => PartyText.For(language));
        }

        ConfigureServices();
        SetRendererInfo(new RendererInfo("Server", true));
    }

    /// <summary>The engine the components play on; like <see cref="ConfigureServices"/> it runs inside this constructor.</summary>
    protected virtual TestEngine CreateEngine() => new();

    /// <summary>
    /// Registers what a test class's components need beyond the engine. It runs inside this constructor, before the
    /// renderer exists, because bUnit refuses new services once it does; derived constructors run too late for that.
    /// </summary>
    protected virtual void ConfigureServices()
    {
    }

    /// <summary>The language every component of the test speaks, whatever a room says; null for the request's (English).</summary>
    protected virtual string? Language => null;

    protected TestEngine Engine { get; }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that can only be disposed asynchronously, so xunit must dispose the context that way.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        Engine.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Engine.Dispose();
        }

        base.Dispose(disposing);
    }
}
