using PartyProtocol.Core.Content;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Web.Components.Cartridges.Bluff;

/// <summary>A Bluff preset's settings: one typed column per <c>BluffSettings</c> field.</summary>
public sealed class BluffPresetSettings : PresetSettingsEntity
{
    public int Rounds { get; set; }

    public int LieSeconds { get; set; }

    public int GuessSeconds { get; set; }

    public int RevealStepSeconds { get; set; }

    public int ScoreboardSeconds { get; set; }

    public double TimerScale { get; set; }

    public int MaxPlayers { get; set; }

    public bool FamilyFriendly { get; set; }

    public string Language { get; set; } = PackLanguage.Default;
}
