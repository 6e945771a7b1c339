using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;
using PartyProtocol.Web.Composition;
using PartyProtocol.Web.Localization;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Tests.Web.Localization;

/// <summary>
/// What a game declares in English (its name, description and settings) has a text in every other language, for every
/// installed game; a game the texts do not know yet shows its own English.
/// </summary>
public sealed class GameTextsTests
{
    private static readonly Lazy<IReadOnlyList<ICartridge>> Installed = new(() =>
        [.. new ServiceCollection()
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(new ContentOptions()))
            .AddInstalledGames()
            .BuildServiceProvider()
            .GetServices<ICartridge>()]);

    public static TheoryData<string> Languages => [.. UiLanguages.Codes.Where(c => c != PackLanguage.English)];

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryInstalledGameHasItsNameAndDescriptionInEachLanguage(string language)
    {
        var table = PartyText.Table(language);
        Assert.True(Installed.Value.Count >= 2, "The installed games could not be built for the check.");

        var missing = Installed.Value
            .SelectMany(g => new[] { $"Game_{g.Key}_Name", $"Game_{g.Key}_Description" })
            .Where(key => !table.ContainsKey(key))
            .ToList();

        Assert.True(missing.Count == 0, $"Texts.{language}.resx lacks: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void EverySettingOfEveryInstalledGameHasItsLabelHelpAndOptionsInEachLanguage(string language)
    {
        var table = PartyText.Table(language);
        var missing = new List<string>();
        foreach (var game in Installed.Value)
        {
            foreach (var setting in game.Settings)
            {
                var parts = new List<string> { "Label", "Help" };
                // The language list names each language in its own language, whatever the screen's.
                if (setting.Name != PackLanguage.Setting.Name)
                {
                    parts.AddRange((setting.Options ?? []).Select(o => "Option_" + o.Value));
                }

                missing.AddRange(parts
                    .Where(part => !table.ContainsKey($"Setting_{game.Key}_{setting.Name}_{part}")
                        && !table.ContainsKey($"Setting_{SettingText.Common}_{setting.Name}_{part}"))
                    .Select(part => $"{game.Key}.{setting.Name} {part}"));
            }
        }

        Assert.True(missing.Count == 0, $"Texts.{language}.resx has no text for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void ASettingSharedByGamesReadsTheSameInEachOfThemAndAGameCanStillSayItsOwn()
    {
        var da = PartyText.For(PackLanguage.Danish);
        var quizTimerScale = QuizCartridge.Definitions.Single(d => d.Name == "timerScale");

        Assert.Equal("Tidsfaktor", SettingText.Label(Bluff("timerScale"), "bluff", da));
        Assert.Equal("Tidsfaktor", SettingText.Label(quizTimerScale, "quiz", da));
        Assert.Equal("Sprog", SettingText.Label(PackLanguage.Setting, "quiz", da));
        Assert.Equal("Runder", SettingText.Label(Bluff("rounds"), "bluff", da));
        Assert.Equal("Rounds", SettingText.Label(Bluff("rounds"), "bluff", PartyText.For(PackLanguage.English)));
    }

    [Fact]
    public void AGameTheTextsDoNotKnowShowsItsOwnEnglishInDanish()
    {
        var da = PartyText.For(PackLanguage.Danish);
        var setting = SettingDefinition.Choice("spinSpeed", "slow", [new("slow", "Gently"), new("fast", "Like mad")], "How fast the wheel spins.");

        Assert.Equal("Spin speed", SettingText.Label(setting, "wheel", da));
        Assert.Equal("How fast the wheel spins.", SettingText.Help(setting, "wheel", da));
        Assert.Equal("Like mad", SettingText.OptionOf(setting, "wheel", "fast", da));
        Assert.Equal("Gently eller Like mad", SettingText.Range(setting, "wheel", da));
        Assert.Equal("Wheel of Fortune", GameText.Name("wheel", "Wheel of Fortune", da));
        // A setting it shares with the other games by name still gets the shared text.
        var seats = SettingDefinition.Integer("maxPlayers", 6, 2, 6, "Seats at the wheel.");
        Assert.Equal("Maks. antal spillere", SettingText.Label(seats, "wheel", da));
    }

    [Fact]
    public void NumbersAndRangesAreWrittenAsTheLanguageWritesThem()
    {
        var timerScale = Bluff("timerScale");
        var seats = SettingDefinition.Integer("maxPlayers", 6, 2, 6, "Seats.");
        var atLeast = SettingDefinition.Number("speed", 1, "Speed.", min: 0.5);

        Assert.Equal("1, 1.5 or 2", SettingText.Range(timerScale, "bluff", PartyText.For(PackLanguage.English)));
        Assert.Equal("1, 1,5 eller 2", SettingText.Range(timerScale, "bluff", PartyText.For(PackLanguage.Danish)));
        Assert.Equal("2–6", SettingText.Range(seats, null, PartyText.For(PackLanguage.Danish)));
        Assert.Equal("mindst 0,5", SettingText.Range(atLeast, null, PartyText.For(PackLanguage.Danish)));
        Assert.Equal("Så mange sekunder har man til at skrive sin løgn. (1–600)",
            SettingText.HelpWithRange(Bluff("lieSeconds"), "bluff", PartyText.For(PackLanguage.Danish)));
    }

    [Fact]
    public void ARefusedValueIsTheRuleInWordsInDanishAndTheGamesOwnSentenceInEnglish()
    {
        var rounds = Bluff("rounds");
        var tooMany = JsonSerializer.SerializeToElement(25);
        var english = rounds.Validate(tooMany).Error!.Message;

        Assert.Equal(english, SettingText.Error("bluff", "rounds", rounds, tooMany, english, PartyText.For(PackLanguage.English)));
        Assert.Equal("Skriv et helt tal (1–20).", SettingText.Error("bluff", "rounds", rounds, tooMany, english, PartyText.For(PackLanguage.Danish)));
        // A value the declaration accepts but a rule of the game refuses: the game's rule without its numbers.
        var fine = JsonSerializer.SerializeToElement(12);
        Assert.Equal("Der er ikke spørgsmål nok til så mange runder med de valgte pakker og indstillinger.",
            SettingText.Error("bluff", "rounds", rounds, fine, "Only 4 questions are available.", PartyText.For(PackLanguage.Danish)));
        Assert.Equal("Only 4 spins are left.",
            SettingText.Error("wheel", "spins", null, null, "Only 4 spins are left.", PartyText.For(PackLanguage.Danish)));
    }

    private static SettingDefinition Bluff(string name) =>
        BluffSettings.Definitions.Single(d => d.Name == name);
}
