using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyProtocol.Web.Packs;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Web.Persistence;

/// <summary>The platform's half of an own pack: owner, name, game, language, sharing. Questions live in the game's table.</summary>
internal sealed class PackConfiguration(string caseInsensitiveCollation) : IEntityTypeConfiguration<Pack>
{
    public void Configure(EntityTypeBuilder<Pack> entity)
    {
        entity.ToTable("Packs");
        entity.HasKey(p => p.Id);
        entity.Property(p => p.Name)
            .IsRequired()
            .HasMaxLength(Pack.MaxNameLength)
            .UseCollation(caseInsensitiveCollation);
        entity.Property(p => p.GameKey).IsRequired().HasMaxLength(PresetConfiguration.MaxGameKeyLength);
        entity.Property(p => p.Language).IsRequired().HasMaxLength(Pack.MaxLanguageLength);
        entity.Property(p => p.Description).IsRequired().HasMaxLength(Pack.MaxDescriptionLength);
        entity.Property(p => p.ShareCode).HasMaxLength(Pack.ShareCodeLength);
        entity.Property(p => p.OwnerId).IsRequired();
        entity.HasOne(p => p.Owner)
            .WithMany()
            .HasForeignKey(p => p.OwnerId)
            .OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(p => new { p.OwnerId, p.GameKey, p.Name }).IsUnique();
        // Several packs are unshared (null); a code names at most one pack.
        entity.HasIndex(p => p.ShareCode).IsUnique();
    }
}

/// <summary>The packs a preset plays: a built-in pack by key, or one of the owner's packs (gone with that pack).</summary>
internal sealed class PresetPackConfiguration : IEntityTypeConfiguration<PresetPack>
{
    public void Configure(EntityTypeBuilder<PresetPack> entity)
    {
        entity.ToTable("PresetPacks");
        entity.HasKey(p => new { p.PresetId, p.Position });
        entity.Property(p => p.BuiltIn).HasMaxLength(PresetPack.MaxBuiltInLength);
        entity.HasOne(p => p.Preset)
            .WithMany()
            .HasForeignKey(p => p.PresetId)
            .OnDelete(DeleteBehavior.Cascade);
        entity.HasOne(p => p.Pack)
            .WithMany()
            .HasForeignKey(p => p.PackId)
            .OnDelete(DeleteBehavior.Cascade);
        entity.ToTable(t => t.HasCheckConstraint("CK_PresetPacks_OnePack", "(\"BuiltIn\" IS NULL) <> (\"PackId\" IS NULL)"));
    }
}
