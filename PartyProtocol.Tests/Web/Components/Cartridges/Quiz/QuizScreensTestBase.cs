using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Web.Components.Browser;
using PartyProtocol.Tests.Core.Cartridges.Quiz;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Components.Cartridges.Quiz;
using PartyProtocol.Web.Components.Pages.Host;
using PartyProtocol.Web.Components.Pages.Play;
using PartyProtocol.Web.Composition;

namespace PartyProtocol.Tests.Web.Components.Cartridges.Quiz;

/// <summary>The screens' bUnit set-up with Quiz installed: its module's views, on an engine with a small question library.</summary>
public abstract class QuizScreensTestBase() : ScreensTestBase(QuizTestGame.Engine(new QuizPackBuilder().WithQuestions(12).Build()))
{
    protected override void ConfigureServices()
    {
        base.ConfigureServices();
        Services.AddCartridge<QuizModule>();
    }

    /// <summary>A Quiz room with the given players seated, its owner token kept as the host's browser would.</summary>
    protected async Task<TestGame> QuizRoomAsync(object? settings = null, params string[] players)
    {
        var game = await Engine.CreateQuizAsync(settings ?? new { questions = 5, leaderboard = "every_2" }, players);
        await Tokens.SaveAsync(SessionTokenKind.Owner, game.Code, game.OwnerToken);
        return game;
    }

    protected IRenderedComponent<HostScreen> RenderHostScreen(TestGame game)
    {
        var cut = Render<HostScreen>(p => p.Add(s => s.Code, game.Code));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=host-loading]")), Wait);
        return cut;
    }

    protected async Task<IRenderedComponent<PlayerScreen>> RenderPhoneAsync(TestGame game, string player)
    {
        await KeepPlayerTokenAsync(game, player);
        var cut = Render<PlayerScreen>(p => p.Add(s => s.Code, game.Code));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=player-screen]")), Wait);
        return cut;
    }
}
