using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using PartyProtocol.Web.Persistence;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Web.Accounts;

/// <summary>
/// Creates the database on first start and applies pending migrations before the server takes requests. Taking the
/// <see cref="PresetService"/> builds it now, so a preset mapper that fits no installed game stops start-up.
/// Instances that start together do not race: on PostgreSQL the migration runs under a session-level advisory lock
/// (<see cref="PostgreSqlMigrationLock"/>), so the second instance waits, then finds nothing pending. On SQLite,
/// processes sharing one file are serialised by EF Core's own migration lock (a row in <c>__EFMigrationsLock</c>).
/// </summary>
internal sealed class DatabaseMigrator(IDbContextFactory<PartyDbContext> dbFactory, AccountsDatabaseSettings database,
    PresetService presets, ILogger<DatabaseMigrator> logger) : IHostedService
{
    /// <summary>The advisory lock key every PartyProtocol instance takes to migrate ("PPMIGR" in ASCII).</summary>
    public const long PostgreSqlMigrationLock = 0x5050_4D49_4752;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var applied = database.Provider == AccountsDatabaseProvider.PostgreSql
            ? await MigratePostgreSqlAsync(db, cancellationToken)
            : await MigrateAsync(db, cancellationToken);
        logger.LogInformation("Accounts database ({Database}) is up to date ({Count} migrations applied now); presets for {Games}.",
            AccountsDatabase.Describe(database.Provider, database.ConnectionString), applied, string.Join(", ", presets.Games.Select(g => g.Key)));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<int> MigrateAsync(PartyDbContext db, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        var applied = await history.ExistsAsync(cancellationToken) ? (await history.GetAppliedMigrationsAsync(cancellationToken)).Count : 0;
        await db.Database.MigrateAsync(cancellationToken);
        return db.Database.GetMigrations().Count() - applied;
    }

    private async Task<int> MigratePostgreSqlAsync(PartyDbContext db, CancellationToken cancellationToken)
    {
        // The database itself: created by the first instance when its role may (CREATEDB); one that loses that race
        // finds it made. An advisory lock needs a database to live in, so this comes first.
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
                logger.LogInformation("Created the accounts database {Database}.", AccountsDatabase.Describe(database.Provider, database.ConnectionString));
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
            }
        }

        // A session-level lock on a connection of its own: held across the migration's transactions, released by
        // pg_advisory_unlock — or by the server if this process dies, so a crashed instance never blocks the next.
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken);
        try
        {
            // Npgsql's history repository reports the history table as always there and reads it, so on a fresh database
            // EF Core logs a failed command at error level before applying the first migration (npgsql/efcore.pg#3407).
            // Creating the table first (IF NOT EXISTS) keeps an operator's first start free of a false alarm.
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
            return await MigrateAsync(db, cancellationToken);
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", PostgreSqlMigrationLock);
        await command.ExecuteScalarAsync(cancellationToken);
    }
}

/// <summary>The accounts database this instance uses, as configured (provider and resolved connection string).</summary>
public sealed record AccountsDatabaseSettings(AccountsDatabaseProvider Provider, string ConnectionString);
