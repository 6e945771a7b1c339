using System.Collections.Immutable;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Tests.Core.Cartridges.Quiz;

/// <summary>The audience answers Quiz's questions as one team: the share who were right, times what a question is worth.</summary>
public sealed class QuizAudienceTests
{
    private static QuizState StateWith(int correct, bool doublePoints, int audienceScore = 0) => new()
    {
        Phase = QuizPhases.Question,
        Number = 1,
        Total = 5,
        QuestionIds = ["q1"],
        Round = new QuizRound("q1", "?", "Geography", ["Sydney", "Canberra", "Perth", "Melbourne"], correct, 20_000, doublePoints),
        AudienceScore = audienceScore,
    };

    private static AudienceTally Tally(params (string Choice, int Count)[] counts) =>
        new("question-1", counts.ToImmutableDictionary(c => c.Choice, c => c.Count, StringComparer.Ordinal));

    [Fact]
    public void TheTeamScoresTheShareThatWasRightOfAThousand()
    {
        var result = QuizScoring.Audience(StateWith(correct: 1, doublePoints: false, audienceScore: 250), Tally(("1", 3), ("0", 1)))!;
        Assert.Equal(4, result.Voters);
        Assert.Equal([1, 3, 0, 0], result.Counts);
        Assert.Equal(750, result.Points);
        Assert.Equal(1000, result.Score);
    }

    [Fact]
    public void ADoubleQuestionIsWorthTwoThousandForTheTeamToo()
    {
        var result = QuizScoring.Audience(StateWith(correct: 2, doublePoints: true), Tally(("2", 1), ("3", 2)))!;
        Assert.Equal(667, result.Points);
    }

    [Fact]
    public void WithoutAVoteTheAudienceHasNoResultAndKeepsItsScore()
    {
        Assert.Null(QuizScoring.Audience(StateWith(correct: 0, doublePoints: false, audienceScore: 400), null));
        Assert.Null(QuizScoring.Audience(StateWith(correct: 0, doublePoints: false, audienceScore: 400), Tally()));
    }

    [Fact]
    public async Task TheFirstLeaderboardAfterTheAudienceAnsweredShowsItsScore()
    {
        using var engine = QuizTestGame.Engine(new QuizPackBuilder().WithQuestions(6).Build());
        var game = await engine.CreateQuizAsync(new { questions = 5, leaderboard = "every_question", doublePointsLastQuestion = false }, "Ann", "Bob");
        var audience = (await engine.Service.JoinAudienceAsync(game.Code, null).OkAsync()).AudienceToken;
        await game.PlayAsync().OkAsync();

        var correct = await game.CorrectAsync();
        Assert.True((await engine.Service.MoveAsync(game.Code, audience, "audience_answer", new QuizAnswerMove(correct))).IsSuccess);
        await game.AnswerAsync("Ann", correct).OkAsync();
        await game.AnswerAsync("Bob", await game.WrongAsync()).OkAsync();
        engine.Time.Advance(TimeSpan.FromSeconds(QuizSettings.ResultsSeconds));
        await game.WaitForQuizPhaseAsync(QuizPhases.Leaderboard, 1);

        var leaderboard = engine.EventsOf(game.Code).Single(e => e.Type == QuizEvents.Leaderboard);
        Assert.Equal(1000, ((LeaderboardShown)leaderboard.Data).AudienceScore);
    }
}
