using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyProtocol.Web.Persistence;

namespace PartyProtocol.Web.Presets;

/// <summary>
/// Stores one cartridge's settings record in that cartridge's own table. The platform hands it settings the
/// cartridge has already validated (<c>ICartridge.BindSettings</c>) and never looks at their fields.
/// Register one per game with <c>AddPresetSettingsMapper&lt;T&gt;()</c>.
/// </summary>
public interface IPresetSettingsMapper
{
    /// <summary>The cartridge key whose settings this mapper stores.</summary>
    string GameKey { get; }

    /// <summary>The cartridge's settings record type (must equal <c>ICartridge.SettingsType</c>).</summary>
    Type SettingsType { get; }

    /// <summary>Adds the settings table and its one-to-one link to <see cref="Preset"/> to the model.</summary>
    void ConfigureModel(ModelBuilder modelBuilder);

    /// <summary>Tracks the settings row of <paramref name="preset"/> (new or existing) so the caller's one SaveChanges writes it.</summary>
    Task StageAsync(PartyDbContext db, Preset preset, object settings, CancellationToken cancellationToken);

    /// <summary>Reads the settings records of the given presets (preset id → settings record).</summary>
    Task<IReadOnlyDictionary<long, object>> LoadAsync(PartyDbContext db, IReadOnlyCollection<long> presetIds, CancellationToken cancellationToken);
}

/// <summary>
/// The usual shape of a mapper: a typed settings record ↔ a typed entity with one column per setting.
/// Subclasses say how to copy the fields and how the columns look; the keys and the link to the preset are done here.
/// </summary>
public abstract class PresetSettingsMapper<TSettings, TEntity> : IPresetSettingsMapper
    where TSettings : class
    where TEntity : PresetSettingsEntity, new()
{
    public abstract string GameKey { get; }

    public Type SettingsType => typeof(TSettings);

    /// <summary>Copies a validated settings record onto the row.</summary>
    protected abstract void CopyTo(TSettings settings, TEntity entity);

    /// <summary>Rebuilds the settings record from the row.</summary>
    protected abstract TSettings ToSettings(TEntity entity);

    /// <summary>Names the table and shapes the columns (types, required-ness).</summary>
    protected abstract void Configure(EntityTypeBuilder<TEntity> entity);

    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        var entity = modelBuilder.Entity<TEntity>();
        entity.HasKey(e => e.PresetId);
        entity.Property(e => e.PresetId).ValueGeneratedNever();
        entity.HasOne(e => e.Preset)
            .WithOne()
            .HasForeignKey<TEntity>(e => e.PresetId)
            .OnDelete(DeleteBehavior.Cascade);
        Configure(entity);
    }

    public async Task StageAsync(PartyDbContext db, Preset preset, object settings, CancellationToken cancellationToken)
    {
        var typed = (TSettings)settings;
        var row = preset.Id == 0 ? null : await db.Set<TEntity>().FindAsync([preset.Id], cancellationToken);
        if (row is null)
        {
            row = new TEntity { Preset = preset };
            db.Set<TEntity>().Add(row);
        }

        CopyTo(typed, row);
    }

    public async Task<IReadOnlyDictionary<long, object>> LoadAsync(PartyDbContext db, IReadOnlyCollection<long> presetIds,
        CancellationToken cancellationToken)
    {
        var rows = await db.Set<TEntity>().AsNoTracking()
            .Where(e => presetIds.Contains(e.PresetId))
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.PresetId, r => (object)ToSettings(r));
    }
}
