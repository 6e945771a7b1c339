using System.Reflection;
using System.Text.RegularExpressions;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Web.Api;
using PartyProtocol.Web.Localization;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Tests.Web.Localization;

/// <summary>English and Danish are complete: the same keys, the same placeholders, a sentence for every error code.</summary>
public sealed partial class ResourceParityTests
{
    public static TheoryData<string> Languages => [.. UiLanguages.Codes.Where(c => c != "en")];

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryScreenTextExistsInEnglishAndInEachOtherLanguageWithTheSamePlaceholders(string language)
    {
        AssertSameKeys(PartyText.Table("en"), PartyText.Table(language), $"Texts.{language}.resx");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryEventTextExistsInEnglishAndInEachOtherLanguage(string language)
    {
        AssertSameKeys(EventTexts.Table("en"), EventTexts.Table(language), $"EventTexts.{language}.resx");
    }

    [Fact]
    public void EveryErrorCodeOfThePlatformTheWebAndEachGameHasASentence()
    {
        var english = PartyText.Table("en");
        var codes = ErrorCodes.All
            .Concat(typeof(ApiErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!))
            .Append(PresetErrors.PresetNameTakenCode)
            .Concat(new BluffCartridge(BluffContent.Load()).Errors.Select(e => e.Code))
            .Concat(new QuizCartridge(QuizContent.Load()).Errors.Select(e => e.Code))
            .Distinct()
            .ToList();

        Assert.True(codes.Count > 30, "The codes were not all found.");
        var missing = codes.Where(c => !english.ContainsKey("Problem_" + c)).ToList();
        Assert.True(missing.Count == 0, "No Problem_<code> text for: " + string.Join(", ", missing));
    }

    [Fact]
    public void ACountedTextHasBothItsOneAndItsOtherForm()
    {
        var keys = PartyText.Table("en").Keys.ToHashSet();
        var counted = keys.Where(k => k.EndsWith("_One", StringComparison.Ordinal) || k.EndsWith("_Other", StringComparison.Ordinal))
            .Select(k => k[..k.LastIndexOf('_')]).Distinct().ToList();

        Assert.NotEmpty(counted);
        Assert.All(counted, stem => Assert.True(keys.Contains(stem + "_One") && keys.Contains(stem + "_Other"), stem));
    }

    private static void AssertSameKeys(IReadOnlyDictionary<string, string> english, IReadOnlyDictionary<string, string> other, string file)
    {
        Assert.NotEmpty(english);
        var onlyEnglish = english.Keys.Except(other.Keys).Order().ToList();
        var onlyOther = other.Keys.Except(english.Keys).Order().ToList();
        Assert.True(onlyEnglish.Count == 0, $"{file} lacks: {string.Join(", ", onlyEnglish)}");
        Assert.True(onlyOther.Count == 0, $"{file} has keys English lacks: {string.Join(", ", onlyOther)}");
        Assert.All(english, pair =>
        {
            Assert.False(string.IsNullOrWhiteSpace(other[pair.Key]), $"{file}: '{pair.Key}' is empty");
            Assert.True(Placeholders(pair.Value).SetEquals(Placeholders(other[pair.Key])),
                $"{file}: '{pair.Key}' has other placeholders than English ('{pair.Value}' / '{other[pair.Key]}')");
        });
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
