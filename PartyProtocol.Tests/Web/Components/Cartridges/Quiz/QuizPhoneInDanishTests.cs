using Bunit;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Tests.Core;
using PartyProtocol.Tests.Core.Cartridges.Quiz;

namespace PartyProtocol.Tests.Web.Components.Cartridges.Quiz;

/// <summary>A phone whose player speaks Danish answers, waits and hears the verdict in Danish.</summary>
public sealed class QuizPhoneInDanishTests : QuizScreensTestBase
{
    protected override string? Language => "da";

    [Fact]
    public async Task TheQuestionTheLockedInAnswerTheVerdictAndTheStandingSpeakDanish()
    {
        var game = await QuizRoomAsync(new { questions = 5, leaderboard = "every_2" }, "Ann", "Bob");
        var ann = await RenderPhoneAsync(game, "Ann");
        var bob = await RenderPhoneAsync(game, "Bob");
        await game.PlayAsync().OkAsync();

        // The question: the answer pad names its shapes in Danish, next to the choice's own words.
        ann.WaitForAssertion(() => Assert.Equal(4, ann.FindAll("[data-testid=choice-buttons] button").Count), Wait);
        var state = await game.QuizStateAsync();
        var choices = state.Round.Choices.ToArray();
        Assert.Equal("Svarmuligheder", ann.Find("[data-testid=choice-buttons]").GetAttribute("aria-label"));
        var first = ann.Find("[data-testid=choice-buttons] button[data-choice='0']");
        var shape = first.GetAttribute("data-shape");
        var danishShape = shape switch { "triangle" => "trekant", "diamond" => "rombe", "circle" => "cirkel", _ => "firkant" };
        Assert.Equal($"{danishShape}: {choices[0]}", first.GetAttribute("aria-label"));
        Assert.Contains("Spørgsmål 1 af 5", ann.Find("[data-testid=quiz-player]").TextContent, StringComparison.Ordinal);
        NoEnglish.Assert(ann.Find("[data-testid=player-screen]"), [state.Round.Text, .. choices]);

        // Locked in, waiting for Bob.
        ann.Find($"[data-testid=choice-buttons] button[data-choice='{state.Round.Correct}']").Click();
        ann.WaitForAssertion(() => Assert.Contains("Dit svar er sendt", ann.Find("[data-testid=waiting]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal($"»{choices[state.Round.Correct]}«", ann.Find("[data-testid=waiting-detail]").TextContent);
        Assert.Equal("Venter på Bob…", ann.Find("[data-testid=waiting-for]").TextContent);
        NoEnglish.Assert(ann.Find("[data-testid=player-screen]"), [state.Round.Text, .. choices]);

        // The verdict: right for Ann, wrong for Bob.
        await game.AnswerAsync("Bob", await game.WrongAsync()).OkAsync();
        ann.WaitForAssertion(() => Assert.Equal("true", ann.Find("[data-testid=verdict]").GetAttribute("data-correct")), Wait);
        Assert.Contains("Rigtigt!", ann.Find("[data-testid=verdict]").TextContent, StringComparison.Ordinal);
        NoEnglish.Assert(ann.Find("[data-testid=player-screen]"), [state.Round.Text, .. choices]);
        bob.WaitForAssertion(() => Assert.Equal("false", bob.Find("[data-testid=verdict]").GetAttribute("data-correct")), Wait);
        Assert.Contains("Forkert", bob.Find("[data-testid=verdict]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Den næste er din!", bob.Find("[data-testid=verdict]").TextContent, StringComparison.Ordinal);
        NoEnglish.Assert(bob.Find("[data-testid=player-screen]"), [state.Round.Text, .. choices]);

        // The second question, then the leaderboard: where Ann stands.
        await game.OwnerMoveAsync("next").OkAsync();
        await game.WaitForQuizPhaseAsync(QuizPhases.Question, 2);
        await game.AnswerAsync("Ann", await game.CorrectAsync()).OkAsync();
        await game.AnswerAsync("Bob", await game.WrongAsync()).OkAsync();
        ann.WaitForAssertion(() => Assert.Equal("🔥 2 i træk", ann.Find("[data-testid=streak]").TextContent), Wait);
        await game.OwnerMoveAsync("next").OkAsync();
        ann.WaitForAssertion(() => Assert.Single(ann.FindAll("[data-testid=standing]")), Wait);
        var standing = ann.Find("[data-testid=standing]").TextContent;
        Assert.Contains("Du ligger på", standing, StringComparison.Ordinal);
        Assert.Contains("1.", standing, StringComparison.Ordinal);
        Assert.Contains("næste spørgsmål er på vej…", standing, StringComparison.Ordinal);
        NoEnglish.Assert(ann.Find("[data-testid=player-screen]"));
    }
}
