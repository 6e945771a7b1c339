using Microsoft.EntityFrameworkCore;
using PartyProtocol.Web.Persistence;

namespace PartyProtocol.Web.Accounts;

/// <summary>Creates the database on first start and applies pending migrations before the server takes requests.</summary>
internal sealed class DatabaseMigrator(IDbContextFactory<PartyDbContext> dbFactory, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Accounts database {DataSource} is up to date ({Count} migrations applied now).",
            db.Database.GetDbConnection().DataSource, pending.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
