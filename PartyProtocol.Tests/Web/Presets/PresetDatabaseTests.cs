using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Composition;
using PartyProtocol.Web.Persistence;
using PartyProtocol.Web.Presets;
using PartyProtocol.Web.Components.Cartridges.Bluff;

namespace PartyProtocol.Tests.Web.Presets;

/// <summary>
/// The committed migrations, the model and the schema agree; the relations behave in the database — on each provider,
/// with its own migrations (<see cref="OnSqlite"/>, <see cref="OnPostgreSql"/>).
/// </summary>
public abstract class PresetDatabaseTests(AccountsDatabaseProvider provider) : IDisposable
{
    private readonly PresetTestDatabase _database = new(provider);
    private readonly TestEngine _engine = new();

    /// <summary>The declared column type of a setting's kind on this provider (an integer id is <c>Integer</c>).</summary>
    protected abstract string ColumnType(SettingType type);

    public sealed class OnSqlite() : PresetDatabaseTests(AccountsDatabaseProvider.Sqlite)
    {
        protected override string ColumnType(SettingType type) => type switch
        {
            SettingType.Number => "real",
            SettingType.Choice => "text",
            _ => "integer",
        };

        [Fact]
        public void ARelativeDatabasePathIsTakenFromTheContentRoot()
        {
            var root = Path.Combine(Path.GetTempPath(), $"partyprotocol-root-{Guid.NewGuid():N}");
            try
            {
                var resolved = PersistenceServiceCollectionExtensions.ResolveConnectionString("Data Source=data/party.db", root);

                Assert.Equal(Path.Combine(root, "data", "party.db"), new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(resolved).DataSource);
                Assert.True(Directory.Exists(Path.Combine(root, "data")));
                Assert.Equal("Data Source=:memory:", PersistenceServiceCollectionExtensions.ResolveConnectionString("Data Source=:memory:", root));
            }
            finally
            {
                if (Directory.Exists(root))
                {
                    Directory.Delete(root, recursive: true);
                }
            }
        }
    }

    public sealed class OnPostgreSql() : PresetDatabaseTests(AccountsDatabaseProvider.PostgreSql)
    {
        protected override string ColumnType(SettingType type) => type switch
        {
            SettingType.Number => "double precision",
            SettingType.Boolean => "boolean",
            SettingType.Choice => "character varying",
            _ => "integer",
        };

        [Fact]
        public async Task NamesIgnoreCaseBeyondAsciiToo()
        {
            var database = Database;
            await database.MigrateAsync();
            var service = database.CreateService(Engine.Registry);
            var owner = await database.AddUserAsync("zoe@example.test");

            Assert.True((await service.CreateAsync(owner, new PresetInput("Ünïcode ÉTÉ", "bluff", null))).IsSuccess);
            var clash = await service.CreateAsync(owner, new PresetInput("ünïcode été", "bluff", null));
            var accents = await service.CreateAsync(owner, new PresetInput("Unicode ete", "bluff", null));

            Assert.Equal(PresetErrors.PresetNameTakenCode, clash.Error?.Code);
            // Only case is ignored: letters with other accents are other names.
            Assert.True(accents.IsSuccess, accents.Error?.Message);
        }
    }

    protected PresetTestDatabase Database => _database;

    protected TestEngine Engine => _engine;

    [Fact]
    public async Task TheDatabaseMigratedFromAFreshFileMatchesTheModel()
    {
        await _database.MigrateAsync();
        await using var db = _database.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());

        var migrations = db.GetService<IMigrationsAssembly>();
        Assert.NotNull(migrations.ModelSnapshot);
        var snapshot = migrations.ModelSnapshot.Model;
        if (snapshot is IMutableModel mutable)
        {
            snapshot = mutable.FinalizeModel();
        }

        snapshot = db.GetService<IModelRuntimeInitializer>().Initialize(snapshot);
        var designTime = db.GetService<IDesignTimeModel>().Model;
        var differ = db.GetService<IMigrationsModelDiffer>();
        var differences = differ.GetDifferences(snapshot.GetRelationalModel(), designTime.GetRelationalModel());
        Assert.True(differences.Count == 0,
            "The model has changes no migration captures: " + string.Join(", ", differences.Select(d => d.GetType().Name)));
        Assert.False(differ.HasDifferences(snapshot.GetRelationalModel(), designTime.GetRelationalModel()));
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task BluffSettingsHaveTheirOwnTableWithOneTypedColumnPerSetting()
    {
        await _database.MigrateAsync();
        var columns = await _database.ColumnsAsync("BluffPresetSettings");

        Assert.Equal((provider == AccountsDatabaseProvider.PostgreSql ? "bigint" : "integer", true, true), columns["PresetId"]);
        foreach (var setting in BluffSettings.Definitions)
        {
            var column = char.ToUpperInvariant(setting.Name[0]) + setting.Name[1..];
            Assert.True(columns.ContainsKey(column), $"No column for the setting '{setting.Name}'.");
            Assert.Equal((ColumnType(setting.Type), true, false), columns[column]);
        }

        Assert.Equal(BluffSettings.Definitions.Count + 1, columns.Count);
        Assert.DoesNotContain("Settings", (await _database.ColumnsAsync("Presets")).Keys);
    }

    [Fact]
    public async Task DeletingAPresetDeletesItsSettingsRowAndDeletingAnAccountDeletesItsPresets()
    {
        await _database.MigrateAsync();
        var service = _database.CreateService(_engine.Registry);
        var owner = await _database.AddUserAsync("owner@example.test");
        var first = await service.CreateAsync(owner, new PresetInput("First", BluffCartridge.GameKey, null));
        var second = await service.CreateAsync(owner, new PresetInput("Second", BluffCartridge.GameKey, null));
        Assert.True(first.IsSuccess && second.IsSuccess);

        Assert.True((await service.DeleteAsync(owner, first.Value!.Id)).IsSuccess);
        Assert.Equal(1, await _database.CountAsync("BluffPresetSettings"));

        await using (var db = _database.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == owner).ExecuteDeleteAsync();
        }

        Assert.Equal(0, await _database.CountAsync("Presets"));
        Assert.Equal(0, await _database.CountAsync("BluffPresetSettings"));
    }

    [Fact]
    public async Task NamesAreUniquePerOwnerIgnoringCaseButTwoOwnersMayShareOne()
    {
        await _database.MigrateAsync();
        var service = _database.CreateService(_engine.Registry);
        var ann = await _database.AddUserAsync("ann@example.test");
        var bob = await _database.AddUserAsync("bob@example.test");

        Assert.True((await service.CreateAsync(ann, new PresetInput("Party night", "bluff", null))).IsSuccess);
        Assert.True((await service.CreateAsync(bob, new PresetInput("Party night", "bluff", null))).IsSuccess);
        var clash = await service.CreateAsync(ann, new PresetInput("  PARTY NIGHT ", "bluff", null));

        Assert.Equal(PresetErrors.PresetNameTakenCode, clash.Error?.Code);
        Assert.Equal(2, await _database.CountAsync("Presets"));
        Assert.Equal(2, await _database.CountAsync("BluffPresetSettings"));

        // The database enforces it too, for writers racing past the service's check.
        await using var db = _database.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        db.Presets.Add(new Preset { OwnerId = ann, Name = "party NIGHT", GameKey = "bluff", CreatedAt = now, UpdatedAt = now });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public void AMapperMustFitAnInstalledGameAndItsSettingsType()
    {
        var notInstalled = Assert.Throws<InvalidOperationException>(() =>
            new PresetService(_database, _engine.Registry, [new MapperFor<BluffSettings>("chess")], TimeProvider.System));
        var otherType = Assert.Throws<InvalidOperationException>(() =>
            new PresetService(_database, _engine.Registry, [new MapperFor<PresetInput>(BluffCartridge.GameKey)], TimeProvider.System));
        var twice = Assert.Throws<InvalidOperationException>(() =>
            new PresetService(_database, _engine.Registry, [new BluffPresetSettingsMapper(), new BluffPresetSettingsMapper()], TimeProvider.System));

        Assert.Contains("chess", notInstalled.Message);
        Assert.Contains(nameof(BluffSettings), otherType.Message);
        Assert.Contains("Two preset mappers", twice.Message);
    }

    /// <summary>A mis-registered mapper: the service must refuse it before anything is stored through it.</summary>
    private sealed class MapperFor<TSettings>(string gameKey) : PresetSettingsMapper<TSettings, BluffPresetSettings>
        where TSettings : class
    {
        public override string GameKey => gameKey;

        protected override void Configure(EntityTypeBuilder<BluffPresetSettings> entity)
        {
        }

        protected override void CopyTo(TSettings settings, BluffPresetSettings entity) => throw new InvalidOperationException("Never used.");

        protected override TSettings ToSettings(BluffPresetSettings entity) => throw new InvalidOperationException("Never used.");
    }

    public void Dispose()
    {
        _engine.Dispose();
        _database.Dispose();
    }
}
