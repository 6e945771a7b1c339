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
}
