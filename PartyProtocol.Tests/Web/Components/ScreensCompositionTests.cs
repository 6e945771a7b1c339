using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Components.Browser;
using PartyProtocol.Web.Components.Cartridges;
using PartyProtocol.Web.Components.Cartridges.Bluff;
using PartyProtocol.Web.Composition;
using PartyProtocol.Web.Realtime;

namespace PartyProtocol.Tests.Web.Components;

public sealed class ScreensCompositionTests
{
    [Fact]
    public void EachGameKeyFindsItsOwnViews()
    {
        var registry = new CartridgeViewRegistry([new CartridgeViewSet("bluff", typeof(BluffHostView), typeof(BluffPlayerView))]);

        Assert.Equal(typeof(BluffHostView), registry.Find("bluff")?.HostView);
        Assert.Equal(typeof(BluffPlayerView), registry.Find("bluff")?.PlayerView);
        Assert.Null(registry.Find("quiz"));
    }

    [Fact]
    public void ViewsThatAreNotCartridgeViewsOrRegisteredTwiceAreRefusedAtStartUp()
    {
        Assert.Throws<InvalidOperationException>(() =>
            new CartridgeViewRegistry([new CartridgeViewSet("bluff", typeof(BluffPlayerView), typeof(BluffPlayerView))]));
        Assert.Throws<InvalidOperationException>(() => new CartridgeViewRegistry(
        [
            new CartridgeViewSet("bluff", typeof(BluffHostView), typeof(BluffPlayerView)),
            new CartridgeViewSet("bluff", typeof(BluffHostView), typeof(BluffPlayerView)),
        ]));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("http://192.168.1.20:5141/", true)]
    [InlineData("https://party.example.org/", true)]
    [InlineData("192.168.1.20:5141", false)]
    [InlineData("ftp://party.example.org/", false)]
    public void ThePublicAddressMustBeAnAbsoluteWebAddress(string? url, bool valid)
    {
        var options = new ScreensOptions { PublicUrl = url };
        var results = new List<ValidationResult>();

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
    }

    [Fact]
    public void DroppedScreensKeepTheirCircuitsForAThousandPhonesAndThreeMinutesUnlessConfigured()
    {
        static CircuitOptions Circuits(Dictionary<string, string?> settings)
        {
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            services.AddScreens();
            using var provider = services.BuildServiceProvider();
            return provider.GetRequiredService<IOptions<CircuitOptions>>().Value;
        }

        var defaults = Circuits([]);
        Assert.Equal(1_000, defaults.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromMinutes(3), defaults.DisconnectedCircuitRetentionPeriod);

        var configured = Circuits(new()
        {
            ["Screens:DisconnectedCircuitMaxRetained"] = "2500",
            ["Screens:DisconnectedCircuitRetention"] = "00:10:00",
        });
        Assert.Equal(2_500, configured.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromMinutes(10), configured.DisconnectedCircuitRetentionPeriod);
    }

    [Fact]
    public async Task APhoneCountsAsAwayWhileItsConnectionIsDownAndBackWhenItReturns()
    {
        using var engine = new TestEngine();
        var game = await engine.CreateAsync(null, "Ann", "Ben");
        var tracker = new PresenceTracker(engine.Service, NullLogger<PresenceTracker>.Instance);
        using var presence = new CircuitPresence(tracker);

        var attached = presence.Attach(game.Code, game.Id("Ann"));
        Assert.Equal(1, tracker.ConnectionsOf(game.Code, game.Id("Ann")));

        await presence.OnConnectionDownAsync(null!, CancellationToken.None);
        Assert.Equal(0, tracker.ConnectionsOf(game.Code, game.Id("Ann")));

        await presence.OnConnectionUpAsync(null!, CancellationToken.None);
        Assert.Equal(1, tracker.ConnectionsOf(game.Code, game.Id("Ann")));

        attached.Dispose();
        Assert.Equal(0, tracker.ConnectionsOf(game.Code, game.Id("Ann")));
        await presence.OnConnectionUpAsync(null!, CancellationToken.None);
        Assert.Equal(0, tracker.ConnectionsOf(game.Code, game.Id("Ann")));
    }
}
