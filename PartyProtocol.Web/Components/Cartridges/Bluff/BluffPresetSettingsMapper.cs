using PartyProtocol.Core.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Web.Components.Cartridges.Bluff;

/// <summary>Stores Bluff's settings record in the <c>BluffPresetSettings</c> table.</summary>
public sealed class BluffPresetSettingsMapper : PresetSettingsMapper<BluffSettings, BluffPresetSettings>
{
    public override string GameKey => BluffCartridge.GameKey;

    protected override void Configure(EntityTypeBuilder<BluffPresetSettings> entity)
    {
        entity.ToTable("BluffPresetSettings");
        // Presets saved before rooms had a language were English ones.
        entity.Property(e => e.Language).HasMaxLength(16).HasDefaultValue(PackLanguage.Default);
    }

    protected override void CopyTo(BluffSettings settings, BluffPresetSettings entity)
    {
        entity.Rounds = settings.Rounds;
        entity.LieSeconds = settings.LieSeconds;
        entity.GuessSeconds = settings.GuessSeconds;
        entity.RevealStepSeconds = settings.RevealStepSeconds;
        entity.ScoreboardSeconds = settings.ScoreboardSeconds;
        entity.TimerScale = settings.TimerScale;
        entity.MaxPlayers = settings.MaxPlayers;
        entity.FamilyFriendly = settings.FamilyFriendly;
        entity.Language = settings.Language;
    }

    protected override BluffSettings ToSettings(BluffPresetSettings entity) => new(
        entity.Rounds,
        entity.LieSeconds,
        entity.GuessSeconds,
        entity.RevealStepSeconds,
        entity.ScoreboardSeconds,
        entity.TimerScale,
        entity.MaxPlayers,
        entity.FamilyFriendly) { Language = entity.Language };
}
