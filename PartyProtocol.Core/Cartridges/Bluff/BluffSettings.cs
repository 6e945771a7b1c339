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

    /// <summary>The declarations behind validation, <c>GET /api/games</c> and the settings forms.</summary>
    public static IReadOnlyList<SettingDefinition> Definitions { get; } =
    [
        new("rounds", SettingType.Integer, 5, "Rounds of one question each; the last scores ×3.") { Min = 1, Max = 20 },
        new("lieSeconds", SettingType.Integer, 60, "Seconds to write a lie.") { Min = 1, Max = 600 },
        new("guessSeconds", SettingType.Integer, 30, "Seconds to pick an answer.") { Min = 1, Max = 600 },
        new("revealStepSeconds", SettingType.Integer, 4, "Seconds each answer stays on screen during the reveal.") { Min = 1, Max = 60 },
        new("scoreboardSeconds", SettingType.Integer, 8, "Seconds the scoreboard stays up between rounds.") { Min = 1, Max = 120 },
        new("timerScale", SettingType.Number, 1, "Stretches every timer (extended timers for accessibility and streams).") { Allowed = [1, 1.5, 2] },
        new("maxPlayers", SettingType.Integer, 8, "Seats in the room.") { Min = 2, Max = 12 },
        new("familyFriendly", SettingType.Boolean, 1, "Only questions suitable for all ages."),
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
