using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PartyProtocol.Core.Engine;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Packs;
using PartyProtocol.Web.Persistence;
using PartyProtocol.Web.Presets;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Web.Composition;

namespace PartyProtocol.Tests.Web.Presets;

/// <summary>
/// A real accounts database, migrated like the app does it, with helpers for preset tests: a SQLite file in its own
/// temp folder, or a PostgreSQL database of its own in the test cluster.
/// </summary>
public sealed class PresetTestDatabase : IDbContextFactory<PartyDbContext>, IDisposable
{
    private readonly DirectoryInfo? _folder;
    private readonly PostgresTestDatabase? _postgres;

    public PresetTestDatabase(AccountsDatabaseProvider provider = AccountsDatabaseProvider.Sqlite)
    {
        Provider = provider;
        if (provider == AccountsDatabaseProvider.PostgreSql)
        {
            _postgres = PostgresTestDatabase.Create();
            ConnectionString = _postgres.ConnectionString;
        }
        else
        {
            _folder = Directory.CreateTempSubdirectory("partyprotocol-presets-");
            // No pooling: the file is closed with its last connection, so the folder can be deleted afterwards.
            ConnectionString = $"Data Source={Path.Combine(_folder.FullName, "presets.db")};Pooling=False";
        }
    }

    public AccountsDatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Every installed game's mapper, as the app registers them, so the model is the app's model.</summary>
    public IReadOnlyList<IPresetSettingsMapper> Mappers { get; } =
        [.. new ServiceCollection().AddInstalledGames().BuildServiceProvider().GetServices<IPresetSettingsMapper>()];

    /// <summary>Every installed game's own-pack question mapper, as the app registers them.</summary>
    public IReadOnlyList<IPackQuestionMapper> PackMappers { get; } =
        [.. new ServiceCollection().AddInstalledGames().BuildServiceProvider().GetServices<IPackQuestionMapper>()];

    public PartyDbContext CreateDbContext()
    {
        if (Provider == AccountsDatabaseProvider.PostgreSql)
        {
            var options = new DbContextOptionsBuilder<PostgreSqlPartyDbContext>();
            options.UsePostgreSqlAccounts(ConnectionString);
            return new PostgreSqlPartyDbContext(options.Options, Mappers, PackMappers);
        }
        else
        {
            var options = new DbContextOptionsBuilder<SqlitePartyDbContext>();
            options.UseSqliteAccounts(ConnectionString);
            return new SqlitePartyDbContext(options.Options, Mappers, PackMappers);
        }
    }

    public async Task MigrateAsync()
    {
        await using var db = CreateDbContext();
        await db.Database.MigrateAsync();
    }

    /// <summary>An account row, as registration would leave it; returns its id.</summary>
    public async Task<string> AddUserAsync(string email)
    {
        await using var db = CreateDbContext();
        var user = new ApplicationUser
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>The preset service for the games in <paramref name="games"/> (the test engine may install fewer than the app).</summary>
    public PresetService CreateService(CartridgeRegistry games, TimeProvider? time = null) =>
        new(this, games, [.. Mappers.Where(m => games.Find(m.GameKey) is not null)], time ?? TimeProvider.System);

    /// <summary>The packs service for the games in <paramref name="games"/>, with the given limits.</summary>
    public PackService CreatePackService(CartridgeRegistry games, TimeProvider? time = null, PackOptions? options = null) =>
        new(this, games, [.. PackMappers.Where(m => games.Find(m.GameKey) is not null)],
            Microsoft.Extensions.Options.Options.Create(options ?? new PackOptions()), time ?? TimeProvider.System);

    /// <summary>Rows in a table, counted by the database itself.</summary>
    public async Task<long> CountAsync(string table)
    {
        await using var db = CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Column name → (declared type in lower case, NOT NULL, part of the primary key), as the database reports them.</summary>
    public async Task<Dictionary<string, (string Type, bool NotNull, bool PrimaryKey)>> ColumnsAsync(string table)
    {
        await using var db = CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Provider == AccountsDatabaseProvider.PostgreSql
            ? $"""
              SELECT c.column_name, c.data_type, c.is_nullable = 'NO',
                     EXISTS (SELECT 1 FROM information_schema.table_constraints t
                             JOIN information_schema.key_column_usage k ON k.constraint_name = t.constraint_name AND k.table_name = t.table_name
                             WHERE t.table_name = c.table_name AND t.constraint_type = 'PRIMARY KEY' AND k.column_name = c.column_name)
              FROM information_schema.columns c WHERE c.table_name = '{table}'
              """
            : $"SELECT name, type, \"notnull\" = 1, pk > 0 FROM pragma_table_info('{table}')";
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var columns = new Dictionary<string, (string, bool, bool)>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            columns[reader.GetString(0)] = (reader.GetString(1).ToLowerInvariant(), reader.GetBoolean(2), reader.GetBoolean(3));
        }

        return columns;
    }

    public void Dispose()
    {
        _postgres?.Dispose();
        try
        {
            _folder?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp folders eventually; a still-open handle must not fail the test.
        }
    }
}
