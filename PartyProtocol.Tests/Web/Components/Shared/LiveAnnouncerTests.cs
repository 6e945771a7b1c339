using Bunit;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Components.Shared;

namespace PartyProtocol.Tests.Web.Components.Shared;

/// <summary>The phone's live regions: what changes is announced once, and time running out is announced at 10 and 5 seconds.</summary>
public sealed class LiveAnnouncerTests : BunitTestBase
{
    private ClockView ClockEndingIn(TimeSpan left) =>
        new(Engine.Time.GetUtcNow() + left, (long)left.TotalMilliseconds, 60_000, Paused: false);

    [Fact]
    public void ThePoliteAndTheAssertiveRegionsCarryTheirMessages()
    {
        var cut = Render<LiveAnnouncer>(p => p.Add(a => a.Polite, "Round 1 of 3: write a lie.").Add(a => a.Assertive, "You were fooled by Ben."));

        var polite = cut.Find("[data-testid=live-polite]");
        Assert.Equal("status", polite.GetAttribute("role"));
        Assert.Equal("polite", polite.GetAttribute("aria-live"));
        Assert.Equal("Round 1 of 3: write a lie.", polite.TextContent);
        var assertive = cut.Find("[data-testid=live-assertive]");
        Assert.Equal("assertive", assertive.GetAttribute("aria-live"));
        Assert.Equal("You were fooled by Ben.", assertive.TextContent);
    }

    [Fact]
    public void TenAndFiveSecondsLeftAreAnnouncedAsTheClockRunsDown()
    {
        var cut = Render<LiveAnnouncer>(p => p.Add(a => a.Clock, ClockEndingIn(TimeSpan.FromSeconds(20))));
        Assert.Equal("", cut.Find("[data-testid=live-assertive]").TextContent);

        Engine.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal("", cut.Find("[data-testid=live-assertive]").TextContent);

        Engine.Time.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Equal("10 seconds left", cut.Find("[data-testid=live-assertive]").TextContent));

        Engine.Time.Advance(TimeSpan.FromSeconds(5));
        cut.WaitForAssertion(() => Assert.Equal("5 seconds left", cut.Find("[data-testid=live-assertive]").TextContent));
    }

    [Fact]
    public void NoWarningIsGivenWhenTheTaskEndsOrThePhaseIsPaused()
    {
        var cut = Render<LiveAnnouncer>(p => p.Add(a => a.Clock, ClockEndingIn(TimeSpan.FromSeconds(20))));

        cut.Render(p => p.Add(a => a.Clock, null));
        Engine.Time.Advance(TimeSpan.FromSeconds(16));
        Assert.Equal("", cut.Find("[data-testid=live-assertive]").TextContent);

        var paused = ClockEndingIn(TimeSpan.FromSeconds(20)) with { Paused = true };
        cut.Render(p => p.Add(a => a.Clock, paused));
        Engine.Time.Advance(TimeSpan.FromSeconds(16));
        Assert.Equal("", cut.Find("[data-testid=live-assertive]").TextContent);
    }

    [Fact]
    public void ANewTaskMovesTheFocusOnceAndTheSameTaskDoesNotAgain()
    {
        var cut = Render<LiveAnnouncer>(p => p.Add(a => a.TaskKey, "1-lie-True"));
        cut.Render(p => p.Add(a => a.TaskKey, "1-lie-True").Add(a => a.Polite, "Your lie was accepted."));
        cut.Render(p => p.Add(a => a.TaskKey, "1-guess-True"));

        var focused = JSInterop.Invocations.Where(i => i.Identifier == "partyA11y.focusTask").ToList();
        Assert.Equal(2, focused.Count);
    }
}
