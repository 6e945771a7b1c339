using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;
using PartyProtocol.Web.Composition;
using PartyProtocol.Web.Packs;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Web.Persistence;

/// <summary>Which database holds accounts and presets (setting <c>Accounts:Provider</c>).</summary>
public enum AccountsDatabaseProvider
{
    /// <summary>A SQLite file: the embedded default, one per machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database that every instance shares.</summary>
    PostgreSql,
}

/// <summary>Accounts database settings (configuration section <c>Accounts</c>; the connection string is <c>ConnectionStrings:Accounts</c>).</summary>
public sealed class AccountsOptions
{
    public const string SectionName = "Accounts";

    public AccountsDatabaseProvider Provider { get; set; } = AccountsDatabaseProvider.Sqlite;
}

/// <summary>How each provider is set up, shared by the app, the design-time tools and the tests.</summary>
public static class AccountsDatabase
{
    public const string DefaultSqliteConnectionString = "Data Source=partyprotocol.db";

    public static DbContextOptionsBuilder UseSqliteAccounts(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString);

    public static DbContextOptionsBuilder UsePostgreSqlAccounts(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString);

    /// <summary>Where the database is, for log lines: the file or the host and database, never a password.</summary>
    public static string Describe(AccountsDatabaseProvider provider, string connectionString)
    {
        if (provider == AccountsDatabaseProvider.PostgreSql)
        {
            var pg = new NpgsqlConnectionStringBuilder(connectionString);
            return $"PostgreSQL {pg.Host}:{pg.Port}/{pg.Database}";
        }

        return "SQLite " + new SqliteConnectionStringBuilder(connectionString).DataSource;
    }
}

/// <summary>
/// What <c>dotnet ef</c> builds when it adds a SQLite migration: the model with the installed games' preset and pack tables.
/// No database is opened to add a migration.
/// </summary>
internal sealed class SqlitePartyDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePartyDbContext>
{
    public SqlitePartyDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqlitePartyDbContext>();
        options.UseSqliteAccounts(AccountsDatabase.DefaultSqliteConnectionString);
        return new(options.Options, DesignTimeMappers.Installed(), DesignTimeMappers.InstalledPacks());
    }
}

/// <summary>What <c>dotnet ef</c> builds when it adds a PostgreSQL migration (no server is needed for that).</summary>
internal sealed class PostgreSqlPartyDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlPartyDbContext>
{
    public PostgreSqlPartyDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlPartyDbContext>();
        options.UsePostgreSqlAccounts("Host=localhost;Database=partyprotocol");
        return new(options.Options, DesignTimeMappers.Installed(), DesignTimeMappers.InstalledPacks());
    }
}

internal static class DesignTimeMappers
{
    /// <summary>The preset mappers of the installed games, registered by their modules as the app does.</summary>
    public static IEnumerable<IPresetSettingsMapper> Installed() =>
        new ServiceCollection().AddInstalledGames().BuildServiceProvider().GetServices<IPresetSettingsMapper>().ToList();

    /// <summary>The own-pack question mappers of the installed games.</summary>
    public static IEnumerable<IPackQuestionMapper> InstalledPacks() =>
        new ServiceCollection().AddInstalledGames().BuildServiceProvider().GetServices<IPackQuestionMapper>().ToList();
}

/// <summary>Hands out the configured provider's context as the common <see cref="PartyDbContext"/>.</summary>
internal sealed class PartyDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PartyDbContext>
    where TContext : PartyDbContext
{
    public PartyDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<PartyDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
