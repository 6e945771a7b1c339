using Bunit;
using PartyProtocol.Web.Components.Pages.Host;

namespace PartyProtocol.Tests.Web.Components.Host;

/// <summary>A host whose browser speaks Danish sees the set-up page's own words in Danish (the games' settings stay English).</summary>
public sealed class HostSetupInDanishTests : ScreensTestBase
{
    protected override void ConfigureServices()
    {
        base.ConfigureServices();
        AddPresets();
    }

    protected override string? Language => "da";

    [Fact]
    public void TheHeadingTheRoomOptionsAndTheOpenButtonSpeakDanish()
    {
        var cut = Render<HostSetup>();

        Assert.Equal("Vær vært for et spil på denne skærm", cut.Find("h1").TextContent);
        Assert.Equal("Spil", cut.Find("[data-testid=game-picker]").GetAttribute("aria-label"));
        Assert.Contains("spillere", cut.Find("[data-game=bluff] .setup-game-players").TextContent, StringComparison.Ordinal);
        Assert.Contains("Streamertilstand", cut.Find("[data-testid=room-options]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Nulstil til standard", cut.Find("[data-testid=reset-settings]").TextContent.Trim());
        Assert.Equal("Åbn et rum med Bluff", cut.Find("[data-testid=create-room]").TextContent.Trim());
    }
}
