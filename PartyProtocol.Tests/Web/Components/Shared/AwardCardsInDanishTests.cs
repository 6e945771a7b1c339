using Bunit;
using PartyProtocol.Core.Play;
using PartyProtocol.Web.Components.Shared;
using PartyProtocol.Web.Localization;

namespace PartyProtocol.Tests.Web.Components.Shared;

/// <summary>The award cards' detail lines (the winning tally in words) speak the TV's language, with their numbers.</summary>
public sealed class AwardCardsInDanishTests : ScreensTestBase
{
    protected override string? Language => "da";

    [Fact]
    public void EachAwardsTallyReadsInDanishWithItsNumber()
    {
        var cut = Render<AwardCards>(p => p.Add(c => c.Awards,
        [
            Award("fastest_finger", 1400, "1.4 s"),
            Award("longest_streak", 5, "5 in a row"),
            Award("comeback", 1, "1 place"),
            Award("brainbox", 7, "7"),
        ]));

        Assert.Equal("Det hurtigste rigtige svar (1,4 sek.)", Detail(cut, "fastest_finger"));
        Assert.Equal("Flest rigtige svar i træk (5 i træk)", Detail(cut, "longest_streak"));
        Assert.Equal("Kravlede flest pladser op fra bunden (1 plads)", Detail(cut, "comeback"));
        Assert.Equal("Flest rigtige svar (7)", Detail(cut, "brainbox"));
        NoEnglish.AssertTv(cut.Find("[data-testid=awards]"), "Ann");
    }

    [Fact]
    public void AnAwardTheTextsDoNotKnowKeepsTheGamesOwnDetail()
    {
        var cut = Render<AwardCards>(p => p.Add(c => c.Awards, [Award("longest_spin", 9, "9 spins", "Spun the wheel the longest")]));

        Assert.Equal("Spun the wheel the longest (9 spins)", Detail(cut, "longest_spin"));
    }

    [Theory]
    [InlineData("fastest_finger", 500, "0.5 s", "0,5 sek.")]
    [InlineData("longest_streak", 2, "2 in a row", "2 i træk")]
    [InlineData("comeback", 1, "1 place", "1 plads")]
    [InlineData("comeback", 3, "3 places", "3 pladser")]
    public void TheEnglishDetailIsTheGamesAndTheDanishOneCountsTheSame(string key, int value, string english, string danish)
    {
        var award = Award(key, value, english);

        Assert.Equal(english, PlayText.AwardDetail(award, PartyText.For("en")));
        Assert.Equal(danish, PlayText.AwardDetail(award, PartyText.For("da")));
    }

    private static string Detail(IRenderedComponent<AwardCards> cut, string key) =>
        cut.Find($"[data-award={key}] .award-description").TextContent.Trim();

    private static Award Award(string key, int value, string detail, string description = "") =>
        new(key, key, description, "🏅", [new NamedPlayer("p1", "Ann")], value, detail);
}
