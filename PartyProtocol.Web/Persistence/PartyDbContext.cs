using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Packs;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Web.Persistence;

/// <summary>
/// The one database PartyProtocol keeps: Identity's accounts, the presets and question packs they own, one settings
/// table per cartridge (contributed by its <see cref="IPresetSettingsMapper"/>) and one question table per question game
/// (contributed by its <see cref="IPackQuestionMapper"/>). Game state is never stored here.
/// One subclass per database provider (<see cref="SqlitePartyDbContext"/>, <see cref="PostgreSqlPartyDbContext"/>)
/// carries that provider's migrations; the model is this class's, apart from how a name ignores case.
/// </summary>
public abstract class PartyDbContext(DbContextOptions options, IEnumerable<IPresetSettingsMapper> mappers,
    IEnumerable<IPackQuestionMapper> packMappers)
    : IdentityDbContext<ApplicationUser>(options)
{
    private readonly IReadOnlyList<IPresetSettingsMapper> _mappers = [.. mappers.OrderBy(m => m.GameKey, StringComparer.Ordinal)];
    private readonly IReadOnlyList<IPackQuestionMapper> _packMappers = [.. packMappers.OrderBy(m => m.GameKey, StringComparer.Ordinal)];

    public DbSet<Preset> Presets => Set<Preset>();

    public DbSet<PresetPack> PresetPacks => Set<PresetPack>();

    public DbSet<Pack> Packs => Set<Pack>();

    /// <summary>The game keys whose settings and question tables are in this model (part of the model cache key).</summary>
    internal string MapperKey =>
        string.Join(',', _mappers.Select(m => m.GameKey)) + ";" + string.Join(',', _packMappers.Select(m => m.GameKey));

    /// <summary>The collation under which two preset names that differ only in case are the same name.</summary>
    protected abstract string CaseInsensitiveCollation { get; }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ReplaceService<IModelCacheKeyFactory, PresetModelCacheKeyFactory>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfiguration(new PresetConfiguration(CaseInsensitiveCollation));
        builder.ApplyConfiguration(new PackConfiguration(CaseInsensitiveCollation));
        builder.ApplyConfiguration(new PresetPackConfiguration());
        foreach (var mapper in _mappers)
        {
            mapper.ConfigureModel(builder);
        }

        foreach (var mapper in _packMappers)
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

/// <summary>The accounts database in a SQLite file (the embedded default); migrations in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqlitePartyDbContext(DbContextOptions<SqlitePartyDbContext> options, IEnumerable<IPresetSettingsMapper> mappers,
    IEnumerable<IPackQuestionMapper> packMappers)
    : PartyDbContext(options, mappers, packMappers)
{
    // SQLite's built-in NOCASE folds ASCII letters only; names are short human labels, so that is what people expect.
    protected override string CaseInsensitiveCollation => "NOCASE";
}

/// <summary>
/// The accounts database on PostgreSQL, shared by every instance; migrations in <c>Migrations/PostgreSql</c>.
/// Preset names use a nondeterministic ICU collation that ignores case (every script's, not only ASCII), so the
/// unique index on (owner, name) refuses "Party night" beside "party NIGHT" exactly as SQLite's NOCASE does.
/// </summary>
public sealed class PostgreSqlPartyDbContext(DbContextOptions<PostgreSqlPartyDbContext> options, IEnumerable<IPresetSettingsMapper> mappers,
    IEnumerable<IPackQuestionMapper> packMappers)
    : PartyDbContext(options, mappers, packMappers)
{
    public const string CaseInsensitive = "case_insensitive";

    protected override string CaseInsensitiveCollation => CaseInsensitive;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Level 2 strength: letters and accents count, case does not ("und" = the root locale, no language's quirks).
        builder.HasCollation(CaseInsensitive, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
        base.OnModelCreating(builder);
    }
}
