using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Core.Text;

namespace PartyProtocol.Tests.Core.Text;

/// <summary>The one set of rules for typed text, seen through nicknames (lies share it: see the Bluff and REST tests).</summary>
public sealed class TypedTextTests
{
    [Fact]
    public void SixteenLettersCarryingThousandsOfAccentsAreRefusedBeforeAnyWork()
    {
        var zalgo = string.Concat(Enumerable.Repeat("a" + new string('\u0301', 1990), 16));

        var (name, error) = Nicknames.Normalize(zalgo);

        Assert.Null(name);
        Assert.Equal(Nicknames.Rules.TooLong.Message, error);
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(4, true)]
    public void ALetterMayCarryAtMostFourMarks(int marks, bool accepted)
    {
        // Marks that no precomposed letter contains, so NFC leaves every one of them on the q.
        var letter = "q" + string.Concat("\u0350\u0351\u0352\u0357\u035B".Take(marks));

        var (name, error) = Nicknames.Normalize("Z" + letter);

        Assert.Equal(accepted, name is not null);
        if (!accepted)
        {
            Assert.Contains("marks", error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Nguyễn Thị Ánh")]
    [InlineData("Nguye\u0302\u0303n")]
    [InlineData("क्षत्रिय")]
    [InlineData("Zoë")]
    public void RealNamesWithAccentsAndMarksAreAccepted(string input)
    {
        var (name, error) = Nicknames.Normalize(input);

        Assert.True(name is not null, error);
    }

    [Theory]
    [InlineData("\u2800")]
    [InlineData("\u3164")]
    [InlineData("\u115F")]
    [InlineData("\u1160")]
    [InlineData("\uFFA0")]
    [InlineData("\u3164 \u3164")]
    [InlineData("Ann\u2800")]
    [InlineData("\u200B")]
    [InlineData("\u00AD")]
    [InlineData("A\u034FB")]
    public void InvisibleFillersAreRefused(string input)
    {
        var (name, _) = Nicknames.Normalize(input);

        Assert.Null(name);
    }

    [Theory]
    [InlineData("\u0301")]
    [InlineData("\u0301\u0302 \u0303")]
    public void MarksWithNothingUnderThemAreNotAName(string input)
    {
        var (name, error) = Nicknames.Normalize(input);

        Assert.Null(name);
        Assert.Equal(Nicknames.Rules.NothingVisible.Message, error);
    }

    [Theory]
    [InlineData("\u202Eevil")]
    [InlineData("a\u2066b\u2069")]
    [InlineData("a\u200Fb")]
    [InlineData("bell\u0007")]
    [InlineData("a\u200Db")]
    [InlineData("\uE000")]
    public void ControlBidiAndStrayJoinerCharactersAreRefused(string input)
    {
        var (name, error) = Nicknames.Normalize(input);

        Assert.Null(name);
        Assert.Equal(Nicknames.Rules.Forbidden.Message, error);
    }

    [Theory]
    [InlineData("👨‍👩‍👧")]
    [InlineData("Ann ❤")]
    [InlineData("Ann ❤️")]
    [InlineData("🏳️‍🌈 Bo")]
    [InlineData("👍🏽")]
    [InlineData("👩🏽‍💻 Cy")]
    [InlineData("1️⃣ Dee")]
    [InlineData("🏴󠁧󠁢󠁳󠁣󠁴󠁿")]
    [InlineData("🇩🇰 Eva")]
    public void CommonEmojiSequencesAreAccepted(string input)
    {
        var (name, error) = Nicknames.Normalize(input);

        Assert.True(name == input, error ?? name);
    }

    [Fact]
    public void TheUtf16LengthIsLimitedAsWellAsTheCharacters()
    {
        var family = "👨‍👩‍👧";

        Assert.NotNull(Nicknames.Normalize(string.Concat(Enumerable.Repeat(family, 8))).Name);
        var (name, error) = Nicknames.Normalize(string.Concat(Enumerable.Repeat(family, 9)));

        Assert.Null(name);
        Assert.Equal(Nicknames.Rules.TooLong.Message, error);
    }

    [Fact]
    public void SpacesAreCollapsedAndTrimmedAndLineBreaksAreSpacesOnlyWhereTheRulesSaySo()
    {
        Assert.Equal("Ann Bo", Nicknames.Normalize(" \u00A0Ann \u3000  Bo  ").Name);
        Assert.Equal(Nicknames.Rules.Forbidden.Message, Nicknames.Normalize("Ann\nBo").Error);
        Assert.Equal("a velvet submarine", TypedText.Check(" a\tvelvet\r\n submarine\n", BluffCartridge.LieRules).Text);
    }

    [Fact]
    public void ContentWithInvisibleCharactersIsFlagged()
    {
        Assert.True(TypedText.HasForbiddenCharacters("Paris\u200B"));
        Assert.False(TypedText.HasForbiddenCharacters("Saint-Rémy 👍🏽"));
    }
}
