using Bunit;
using PartyProtocol.Web.Components.Layout;

namespace PartyProtocol.Tests.Web.Components.Shared;

public sealed class ReconnectModalTests : ScreensTestBase
{
    [Fact]
    public void TheRestyledModalKeepsEveryHookBlazorsReconnectScriptNeeds()
    {
        var cut = Render<ReconnectModal>();

        foreach (var id in new[] { "components-reconnect-modal", "components-reconnect-button", "components-resume-button", "components-seconds-to-next-attempt" })
        {
            Assert.Single(cut.FindAll($"#{id}"));
        }

        Assert.Contains("your place in the game is kept", cut.Markup, StringComparison.Ordinal);
        Assert.EndsWith("ReconnectModal.razor.js", cut.Find("script[type=module]").GetAttribute("src"), StringComparison.Ordinal);
    }
}
