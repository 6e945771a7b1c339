using PartyProtocol.Web.Localization;

namespace PartyProtocol.Tests.Web.Localization;

/// <summary>Ranks, counts and lists of names are written the way each language writes them.</summary>
public sealed class PartyTextTests
{
    [Theory]
    [InlineData(1, "1st", "1.")]
    [InlineData(2, "2nd", "2.")]
    [InlineData(3, "3rd", "3.")]
    [InlineData(4, "4th", "4.")]
    [InlineData(11, "11th", "11.")]
    [InlineData(12, "12th", "12.")]
    [InlineData(13, "13th", "13.")]
    [InlineData(21, "21st", "21.")]
    [InlineData(22, "22nd", "22.")]
    [InlineData(101, "101st", "101.")]
    [InlineData(111, "111th", "111.")]
    public void RanksAreOrdinalsInEachLanguage(int rank, string english, string danish)
    {
        Assert.Equal(english, PartyText.For("en").Ordinal(rank));
        Assert.Equal(danish, PartyText.For("da").Ordinal(rank));
    }

    [Theory]
    [InlineData(0, "0 players", "0 spillere")]
    [InlineData(1, "1 player", "1 spiller")]
    [InlineData(2, "2 players", "2 spillere")]
    public void CountsTakeTheFormOfTheirNumber(int count, string english, string danish)
    {
        Assert.Equal(english, PartyText.For("en").Plural("Common_Players", count));
        Assert.Equal(danish, PartyText.For("da").Plural("Common_Players", count));
    }

    [Fact]
    public void TheFinalRankReadsNaturallyInBoth()
    {
        var en = PartyText.For("en");
        var da = PartyText.For("da");

        Assert.Equal("You finished 2nd", en["Common_FinalRank", en.Ordinal(2)]);
        Assert.Equal("Du endte på 2. plads", da["Common_FinalRank", da.Ordinal(2)]);
        Assert.Equal("▲ 1 plads op", da.Plural("Common_RankUp", 1));
        Assert.Equal("▼ Down 3 places", en.Plural("Common_RankDown", 3));
    }

    [Fact]
    public void NamesAreListedWithTheLanguagesAnd()
    {
        Assert.Equal("Ann, Ben and Cy", PartyText.For("en").Names(["Ann", "Ben", "Cy"]));
        Assert.Equal("Ann, Ben og Cy", PartyText.For("da").Names(["Ann", "Ben", "Cy"]));
        Assert.Equal("Ann", PartyText.For("da").Names(["Ann"]));
    }

    [Fact]
    public void AnUnsupportedLanguageFallsBackToEnglish()
    {
        Assert.Equal("Join a game", PartyText.For("fr")["Join_Heading"]);
        Assert.Equal("Deltag i et spil", PartyText.For("da-DK")["Join_Heading"]);
    }
}
