using PartyProtocol.Core.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyProtocol.Core.Cartridges.Quiz;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Web.Components.Cartridges.Quiz;

/// <summary>A Quiz preset's settings: one typed column per <c>QuizSettings</c> field.</summary>
public sealed class QuizPresetSettings : PresetSettingsEntity
{
    public int Questions { get; set; }

    public int SecondsPerQuestion { get; set; }

    public string Leaderboard { get; set; } = QuizLeaderboard.Every3;

    public bool DoublePointsLastQuestion { get; set; }

    public double TimerScale { get; set; }

    public int MaxPlayers { get; set; }

    public bool FamilyFriendly { get; set; }

    public string Language { get; set; } = PackLanguage.Default;
}

/// <summary>Stores Quiz's settings record in the <c>QuizPresetSettings</c> table.</summary>
public sealed class QuizPresetSettingsMapper : PresetSettingsMapper<QuizSettings, QuizPresetSettings>
{
    public override string GameKey => QuizCartridge.GameKey;

    protected override void Configure(EntityTypeBuilder<QuizPresetSettings> entity)
    {
        entity.ToTable("QuizPresetSettings");
        entity.Property(e => e.Leaderboard).HasMaxLength(32);
        // Presets saved before rooms had a language were English ones.
        entity.Property(e => e.Language).HasMaxLength(16).HasDefaultValue(PackLanguage.Default);
    }

    protected override void CopyTo(QuizSettings settings, QuizPresetSettings entity)
    {
        entity.Questions = settings.Questions;
        entity.SecondsPerQuestion = settings.SecondsPerQuestion;
        entity.Leaderboard = settings.Leaderboard;
        entity.DoublePointsLastQuestion = settings.DoublePointsLastQuestion;
        entity.TimerScale = settings.TimerScale;
        entity.MaxPlayers = settings.MaxPlayers;
        entity.FamilyFriendly = settings.FamilyFriendly;
        entity.Language = settings.Language;
    }

    protected override QuizSettings ToSettings(QuizPresetSettings entity) => new(
        entity.Questions,
        entity.SecondsPerQuestion,
        entity.Leaderboard,
        entity.DoublePointsLastQuestion,
        entity.TimerScale,
        entity.MaxPlayers,
        entity.FamilyFriendly) { Language = entity.Language };
}
