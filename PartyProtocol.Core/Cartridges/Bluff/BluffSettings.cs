using PartyProtocol.Core.Content;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Core.Cartridges.Bluff;

/// <summary>Bluff's settings. Every duration is in seconds and is multiplied by <see cref="TimerScale"/>.</summary>
public sealed record BluffSettings(
    int Rounds = 5,
    int LieSeconds = 60,
    int GuessSeconds = 30,
    int RevealStepSeconds = 4,
    int ScoreboardSeconds = 8,
    double TimerScale = 1,
    int MaxPlayers = 8,
    bool FamilyFriendly = true)
{
    public static BluffSettings Default { get; } = new();

    /// <summary>The room's language (<see cref="PackLanguage"/>): the questions come from packs in it, and lies are checked by its rules.</summary>
    public string Language { get; init; } = PackLanguage.Default;

    /// <summary>The questions this game draws from (not a setting: chosen as packs, see <see cref="QuestionDeck{TQuestion}"/>).</summary>
    public QuestionDeck<BluffQuestion> Deck { get; init; } = QuestionDeck<BluffQuestion>.Everything;

    /// <summary>The declarations behind validation, <c>GET /api/games</c> and the settings forms.</summary>
    public static IReadOnlyList<SettingDefinition> Definitions { get; } =
    [
        SettingDefinition.Integer("rounds", 5, 1, 20, "Rounds of one question each; the last scores ×3."),
        SettingDefinition.Integer("lieSeconds", 60, 1, 600, "Seconds to write a lie."),
        SettingDefinition.Integer("guessSeconds", 30, 1, 600, "Seconds to pick an answer."),
        SettingDefinition.Integer("revealStepSeconds", 4, 1, 60, "Seconds each answer stays on screen during the reveal."),
        SettingDefinition.Integer("scoreboardSeconds", 8, 1, 120, "Seconds the scoreboard stays up between rounds."),
        SettingDefinition.Number("timerScale", 1, "Stretches every timer (extended timers for accessibility and streams).", allowed: [1, 1.5, 2]),
        SettingDefinition.Integer("maxPlayers", 8, 2, 12, "Seats in the room."),
        SettingDefinition.Boolean("familyFriendly", true, "Only questions suitable for all ages."),
        PackLanguage.Setting,
    ];

    public TimeSpan Scaled(int seconds) => TimeSpan.FromSeconds(seconds * TimerScale);

    /// <summary>The round's score multiplier: the final round ×3; before it, the first half (rounded up) ×1, the rest ×2.</summary>
    public int MultiplierFor(int round)
    {
        if (round >= Rounds)
        {
            return 3;
        }

        var before = Rounds - 1;
        return round <= (before + 1) / 2 ? 1 : 2;
    }
}
