using Microsoft.EntityFrameworkCore;
using PartyProtocol.Web.Persistence;
using PartyProtocol.Web.Presets;

namespace PartyProtocol.Web.Accounts;

/// <summary>
/// Creates the database on first start and applies pending migrations before the server takes requests. Taking the
/// <see cref="PresetService"/> builds it now, so a preset mapper that fits no installed game stops start-up.
/// </summary>
internal sealed class DatabaseMigrator(IDbContextFactory<PartyDbContext> dbFactory, PresetService presets, ILogger<DatabaseMigrator> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Accounts database {DataSource} is up to date ({Count} migrations applied now); presets for {Games}.",
            db.Database.GetDbConnection().DataSource, pending.Count, string.Join(", ", presets.Games.Select(g => g.Key)));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
