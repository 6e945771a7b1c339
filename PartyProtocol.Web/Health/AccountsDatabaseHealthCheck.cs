using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Persistence;

namespace PartyProtocol.Web.Health;

/// <summary>
/// Healthy while the accounts database answers. Games do not need it, but sign-in, presets and the presets page do,
/// so a balancer should not send new users to an instance that cannot reach it.
/// </summary>
internal sealed class AccountsDatabaseHealthCheck(IDbContextFactory<PartyDbContext> dbFactory, AccountsDatabaseSettings database) : IHealthCheck
{
    public const string Name = "accounts";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var where = AccountsDatabase.Describe(database.Provider, database.ConnectionString);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            await using var db = await dbFactory.CreateDbContextAsync(timeout.Token);
            if (await db.Database.CanConnectAsync(timeout.Token))
            {
                return HealthCheckResult.Healthy($"{where} answered in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.#} ms.");
            }

            return HealthCheckResult.Unhealthy($"{where} cannot be reached.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{where} did not answer within {Timeout.TotalSeconds:0} s.");
        }
    }
}
