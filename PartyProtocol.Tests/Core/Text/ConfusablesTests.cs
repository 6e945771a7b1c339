using PartyProtocol.Core.Content;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Core.Text;

namespace PartyProtocol.Tests.Core.Text;

/// <summary>Look-alike characters (Unicode TR39) through the embedded table: names, kicked names and answers.</summary>
public sealed class ConfusablesTests
{
    [Fact]
    public void TheEmbeddedTableIsUnicodesConfusablesData()
    {
        Assert.True(Confusables.Count > 5000, $"Only {Confusables.Count} confusables were loaded.");
        Assert.Equal("A", Confusables.Prototype(new System.Text.Rune('\u0410')));
        Assert.Equal("rn", Confusables.Prototype(new System.Text.Rune('m')));
    }

    [Theory]
    [InlineData("Ann", "\u0410nn")]
    [InlineData("Ann", "ANN")]
    [InlineData("P0", "\u04200")]
    [InlineData("P0", "po")]
    [InlineData("Bob", "B\u043Eb")]
    [InlineData("Ann", "A\u200Bnn")]
    // Capitals that look Latin although their small letters do not: Cyrillic Н, В, М, Т, К.
    [InlineData("Hans", "\u041Dans")]
    [InlineData("Bob", "\u0412ob")]
    [InlineData("MATT", "\u041C\u0410\u0422\u0422")]
    [InlineData("Kim", "\u041Aim")]
    // Latin capitals fold through their small letter: "I" is "i", not the "l" it is confusable with.
    [InlineData("INDIA", "india")]
    public void NamesThatLookAlikeAreTheSameName(string a, string b)
    {
        Assert.True(Nicknames.SameName(a, b), $"{Nicknames.Key(a)} vs {Nicknames.Key(b)}");
    }

    [Theory]
    [InlineData("Ann", "Anne")]
    [InlineData("José", "Jose")]
    [InlineData("Bo", "Bob")]
    public void DifferentNamesStayDifferent(string a, string b)
    {
        Assert.False(Nicknames.SameName(a, b));
    }

    [Fact]
    public void AnAnswerTypedInCyrillicLookAlikesHasTheKeyOfTheAnswer()
    {
        // "Saint-Rémy" with Cyrillic а, е, о, р, с where they look the same.
        Assert.Equal(AnswerText.Key("Saint-Rémy"), AnswerText.Key("S\u0430int-Rém\u0443"));
        Assert.Equal(AnswerText.Key("a copper kettle"), AnswerText.Key("\u0430 \u0441\u043E\u0440\u0440\u0435r k\u0435ttl\u0435"));
        Assert.NotEqual(AnswerText.Key("a copper kettle"), AnswerText.Key("a copper kitten"));
        // A truth with a capital whose Cyrillic twin's small letter looks like nothing Latin ("Н" is "H", "н" is no "h").
        Assert.Equal(AnswerText.Key("Helsinki"), AnswerText.Key("\u041D\u0435lsinki"));
        Assert.Equal(AnswerText.Key("Mount Tambora"), AnswerText.Key("\u041C\u043Eunt \u0422\u0430mb\u043Er\u0430"));
    }
}
