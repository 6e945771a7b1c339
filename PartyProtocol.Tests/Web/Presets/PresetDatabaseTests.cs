using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using PartyProtocol.Core.Cartridges.Bluff;
using PartyProtocol.Core.Engine;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Composition;
using PartyProtocol.Web.Presets;
using PartyProtocol.Web.Components.Cartridges.Bluff;

namespace PartyProtocol.Tests.Web.Presets;

/// <summary>The committed migrations, the model and the SQLite schema agree; the relations behave in the database.</summary>
public sealed class PresetDatabaseTests : IDisposable
{
    private readonly PresetTestDatabase _database = new();
    private readonly TestEngine _engine = new();

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
        await using var db = _database.CreateDbContext();
        var columns = await ColumnsAsync(db, "BluffPresetSettings");

        Assert.Equal(("INTEGER", true, true), columns["PresetId"]);
        foreach (var setting in BluffSettings.Definitions)
        {
            var column = char.ToUpperInvariant(setting.Name[0]) + setting.Name[1..];
            Assert.True(columns.ContainsKey(column), $"No column for the setting '{setting.Name}'.");
            var expected = setting.Type == SettingType.Number ? "REAL" : "INTEGER";
            Assert.Equal((expected, true, false), columns[column]);
        }

        Assert.Equal(BluffSettings.Definitions.Count + 1, columns.Count);
        Assert.DoesNotContain("Settings", (await ColumnsAsync(db, "Presets")).Keys);
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
        Assert.Equal(1, await CountAsync("BluffPresetSettings"));

        await using (var db = _database.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == owner).ExecuteDeleteAsync();
        }

        Assert.Equal(0, await CountAsync("Presets"));
        Assert.Equal(0, await CountAsync("BluffPresetSettings"));
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
        Assert.Equal(2, await CountAsync("Presets"));
        Assert.Equal(2, await CountAsync("BluffPresetSettings"));

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

    private async Task<long> CountAsync(string table)
    {
        await using var db = _database.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Column name → (declared type, NOT NULL, part of the primary key), as SQLite reports them.</summary>
    private static async Task<Dictionary<string, (string Type, bool NotNull, bool PrimaryKey)>> ColumnsAsync(DbContext db, string table)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA table_info(\"{table}\")";
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var columns = new Dictionary<string, (string, bool, bool)>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            columns[reader.GetString(1)] = (reader.GetString(2), reader.GetInt64(3) == 1, reader.GetInt64(5) > 0);
        }

        return columns;
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
