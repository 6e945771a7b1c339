using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Web.Persistence;

/// <summary>
/// The one database PartyProtocol keeps: Identity's accounts, the presets they own, and one settings table per
/// cartridge, contributed by that cartridge's <see cref="IPresetSettingsMapper"/>. Game state is never stored here.
/// </summary>
public sealed class PartyDbContext(DbContextOptions<PartyDbContext> options, IEnumerable<IPresetSettingsMapper> mappers)
    : IdentityDbContext<ApplicationUser>(options)
{
    private readonly IReadOnlyList<IPresetSettingsMapper> _mappers = [.. mappers.OrderBy(m => m.GameKey, StringComparer.Ordinal)];

    public DbSet<Preset> Presets => Set<Preset>();

    /// <summary>The game keys whose settings tables are in this model (part of the model cache key).</summary>
    internal string MapperKey => string.Join(',', _mappers.Select(m => m.GameKey));

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ReplaceService<IModelCacheKeyFactory, PresetModelCacheKeyFactory>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfiguration(new PresetConfiguration());
        foreach (var mapper in _mappers)
        {
            mapper.ConfigureModel(builder);
        }
    }

    /// <summary>The model depends on which mappers are registered, so a context with other mappers gets its own model.</summary>
    private sealed class PresetModelCacheKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) =>
            context is PartyDbContext party ? (context.GetType(), party.MapperKey, designTime) : (context.GetType(), designTime);
    }
}
