using PartyProtocol.Core.Content;

namespace PartyProtocol.Tests.Core.Content;

public sealed class AnswerTextTests
{
    [Theory]
    [InlineData("Saint-Rémy", "saint remy")]
    [InlineData("SAINT REMY!", "saint-rémy")]
    [InlineData("  Crème   Brûlée ", "creme brulee")]
    [InlineData("Mötley Crüe", "motley crue")]
    [InlineData("Ångström", "angstrom")]
    [InlineData("Cafe\u0301", "Café")]
    [InlineData("ﬁsh", "fish")]
    [InlineData("1,000", "1000")]
    public void AnswersThatDifferOnlyInCaseAccentsPunctuationOrSpacesShareAKey(string a, string b) =>
        Assert.Equal(AnswerText.Key(a), AnswerText.Key(b));

    [Theory]
    [InlineData("remy", "romy")]
    [InlineData("10", "100")]
    [InlineData("🦄", "🐴")]
    [InlineData("unicorn 🦄", "unicorn")]
    public void DifferentAnswersHaveDifferentKeys(string a, string b) =>
        Assert.NotEqual(AnswerText.Key(a), AnswerText.Key(b));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("?! ...")]
    public void AnAnswerWithoutLettersDigitsOrSymbolsHasAnEmptyKey(string? text) =>
        Assert.Equal(string.Empty, AnswerText.Key(text));

    [Fact]
    public void TidyTrimsAndCollapsesWhiteSpaceButKeepsTheWords() =>
        Assert.Equal("Crème Brûlée, please", AnswerText.Tidy("  Crème \t  Brûlée,   please \n"));
}
