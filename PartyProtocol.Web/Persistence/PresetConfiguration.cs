using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Web.Persistence;

/// <summary>The platform's half of a preset: owner, name, game and timestamps. Settings live in the game's table.</summary>
internal sealed class PresetConfiguration(string caseInsensitiveCollation) : IEntityTypeConfiguration<Preset>
{
    public const int MaxGameKeyLength = 64;

    public void Configure(EntityTypeBuilder<Preset> entity)
    {
        entity.ToTable("Presets");
        entity.HasKey(p => p.Id);
        entity.Property(p => p.Name)
            .IsRequired()
            .HasMaxLength(Preset.MaxNameLength)
            // "Party night" and "party night" are the same preset to a person, so the unique index ignores case.
            .UseCollation(caseInsensitiveCollation);
        entity.Property(p => p.GameKey).IsRequired().HasMaxLength(MaxGameKeyLength);
        entity.Property(p => p.OwnerId).IsRequired();
        entity.HasOne(p => p.Owner)
            .WithMany()
            .HasForeignKey(p => p.OwnerId)
            .OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(p => new { p.OwnerId, p.Name }).IsUnique();
    }
}
