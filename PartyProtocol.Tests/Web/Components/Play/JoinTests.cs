using Bunit;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Components.Browser;
using PartyProtocol.Web.Components.Pages.Play;

namespace PartyProtocol.Tests.Web.Components.Play;

public sealed class JoinTests : ScreensTestBase
{
    [Fact]
    public void TheCodeIsFilledInFromTheQrCodeLink()
    {
        var cut = OpenJoin("qxjt");

        Assert.Equal("QXJT", cut.Find("input[data-testid=code]").GetAttribute("value"));
    }

    [Fact]
    public async Task JoinStaysOnWithAnEmptyNameSoEnterAlwaysSubmitsAndTheFieldSaysWhatIsMissing()
    {
        // A browser ignores Enter in a form whose submit button is disabled; the button must not wait for the server to
        // hear the first keystroke.
        var cut = OpenJoin("qxjt");
        Assert.False(cut.Find("button[data-testid=join]").HasAttribute("disabled"));

        await cut.Find("form[data-testid=join-form]").SubmitAsync();

        Assert.Contains("Type the name the others will see.", cut.Find("[data-testid=join-form]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("/play/", Navigation.Uri, StringComparison.Ordinal);
        cut.Find("input[data-testid=code]").Input("");
        await cut.Find("form[data-testid=join-form]").SubmitAsync();
        Assert.Contains("Type the room code from the big screen first.", cut.Find("[data-testid=join-form]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JoiningKeepsTheTokenAndOpensThePlayerPage()
    {
        var game = await RoomAsync();
        var cut = OpenJoin(game.Code);

        await JoinAsync(cut, "Ann");

        Assert.EndsWith($"/play/{game.Code}", Navigation.Uri, StringComparison.Ordinal);
        var seat = await Engine.Service.IdentifyAsync(game.Code, Tokens.Peek(SessionTokenKind.Player, game.Code));
        Assert.True(seat.IsSuccess);
        Assert.Equal("Ann", (await game.ViewAsync()).Players.Single(p => p.Id == seat.Value.Viewer.PlayerId).Name);
    }

    [Fact]
    public async Task AnUnknownCodeIsExplainedAtTheCodeField()
    {
        var cut = OpenJoin("QQQQ");

        await JoinAsync(cut, "Ann");

        Assert.Contains("There is no game with the code 'QQQQ'", cut.Find("[data-testid=join-form]").TextContent, StringComparison.Ordinal);
        Assert.EndsWith("/join?code=QQQQ", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATakenNameIsExplainedAtTheNameField()
    {
        var game = await RoomAsync(null, "Ann");
        var cut = OpenJoin(game.Code);

        await JoinAsync(cut, "ann");

        Assert.Contains("Someone in this room is already called ann. Pick another name.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidNameIsExplainedAtTheNameField()
    {
        var game = await RoomAsync();
        var cut = OpenJoin(game.Code);

        await JoinAsync(cut, "Ann\u0007");

        Assert.Contains("Nicknames cannot contain control or invisible formatting characters.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFullRoomSendsTheLatecomerToTheAudience()
    {
        var game = await RoomAsync(new { maxPlayers = 2 }, "Ann", "Ben");
        var cut = OpenJoin(game.Code);

        await JoinAsync(cut, "Cy");

        cut.WaitForAssertion(() => Assert.EndsWith($"/audience/{game.Code}?from=join", Navigation.Uri, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task AGameInProgressSendsANewNameToTheAudience()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await game.PlayAsync();
        var cut = OpenJoin(game.Code);

        await JoinAsync(cut, "Cy");

        cut.WaitForAssertion(() => Assert.EndsWith($"/audience/{game.Code}?from=join", Navigation.Uri, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task ADisconnectedPlayerTakesTheirSeatBackFromTheJoinPage()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await game.PlayAsync();
        await Engine.Service.SetConnectedAsync(game.Code, game.Id("Ben"), connected: false);
        var cut = OpenJoin(game.Code);

        await JoinAsync(cut, "ben");

        cut.WaitForAssertion(() => Assert.EndsWith($"/play/{game.Code}", Navigation.Uri, StringComparison.Ordinal), Wait);
        Assert.NotEqual(game.Token("Ben"), Tokens.Peek(SessionTokenKind.Player, game.Code));
        Assert.Equal(game.Id("Ben"), (await Engine.Service.IdentifyAsync(game.Code, Tokens.Peek(SessionTokenKind.Player, game.Code))).Value!.Viewer.PlayerId);
    }

    [Fact]
    public async Task AKickedPlayerIsToldTheyCannotComeBack()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await Engine.Service.RemovePlayerAsync(game.Code, game.Id("Ben"), game.OwnerToken);
        var cut = OpenJoin(game.Code);

        await JoinAsync(cut, "Ben");

        AssertRefusal(cut, ErrorCodes.Kicked, "The host removed you from this game, so you cannot rejoin it.");
    }

    [Fact]
    public async Task AReturningPlayerIsOfferedToCarryOnInTheirSeat()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await KeepPlayerTokenAsync(game, "Ann");

        var cut = OpenJoin(game.Code);

        Assert.Contains("Welcome back, Ann!", cut.Find("[data-testid=welcome-back]").TextContent, StringComparison.Ordinal);
        Assert.Equal($"/play/{game.Code}", cut.Find("[data-testid=continue]").GetAttribute("href"));
    }

    [Fact]
    public async Task AStaleTokenIsDroppedInsteadOfOffered()
    {
        var game = await RoomAsync(null, "Ann", "Ben");
        await KeepPlayerTokenAsync(game, "Ben");
        await Engine.Service.RemovePlayerAsync(game.Code, game.Id("Ben"), game.OwnerToken);

        var cut = OpenJoin(game.Code);

        Assert.Empty(cut.FindAll("[data-testid=welcome-back]"));
        Assert.Null(Tokens.Peek(SessionTokenKind.Player, game.Code));
    }

    [Fact]
    public void NothingCanBeTypedBeforeTheCircuitIsInteractive()
    {
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", false));

        var cut = OpenJoin("QXJT");

        Assert.True(cut.Find("input[data-testid=code]").HasAttribute("disabled"));
        Assert.True(cut.Find("input[data-testid=name]").HasAttribute("disabled"));
        Assert.True(cut.Find("button[data-testid=join]").HasAttribute("disabled"));
    }

    private IRenderedComponent<Join> OpenJoin(string code)
    {
        Navigation.NavigateTo($"/join?code={code}");
        return Render<Join>();
    }

    private static async Task JoinAsync(IRenderedComponent<Join> cut, string name)
    {
        cut.Find("input[data-testid=name]").Input(name);
        await cut.Find("form[data-testid=join-form]").SubmitAsync();
    }

    private static void AssertRefusal(IRenderedComponent<Join> cut, string code, string message)
    {
        var alert = cut.Find("[data-testid=join-error]");
        Assert.Equal(code, alert.GetAttribute("data-code"));
        Assert.Equal(message, alert.TextContent.Trim());
    }
}
