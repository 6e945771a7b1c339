using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PartyProtocol.Tests.Infrastructure;
using PartyProtocol.Tests.Web.Realtime;
using PartyProtocol.Web.Accounts;
using PartyProtocol.Web.Persistence;
using static PartyProtocol.Tests.Web.Presets.AccountTestClient;

namespace PartyProtocol.Tests.Web.Persistence;

/// <summary>
/// Instances sharing one PostgreSQL accounts database: they migrate it once between them however they start, share
/// every account, and report the database in /healthz.
/// </summary>
public sealed class AccountsDatabaseStartupTests
{
    [Fact]
    public async Task TwoInstancesStartingTogetherOnAMissingDatabaseCreateAndMigrateItOnceAndShareAccounts()
    {
        using var database = PostgresTestDatabase.Reserve();
        using var a = new PartyAppFactory().WithPostgreSqlAccounts(database, owned: false);
        using var b = new PartyAppFactory().WithPostgreSqlAccounts(database, owned: false);

        await Task.WhenAll(Task.Run(a.EnsureStarted), Task.Run(b.EnsureStarted));

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            // Every migration applied exactly once, though both instances started at the same moment.
            await using var command = new NpgsqlCommand("SELECT COUNT(*), COUNT(DISTINCT \"MigrationId\") FROM \"__EFMigrationsHistory\"", connection);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            var migrations = typeof(PostgreSqlPartyDbContext).Assembly.GetTypes()
                .Count(t => t.Namespace?.EndsWith(".Migrations.PostgreSql", StringComparison.Ordinal) == true
                    && t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).Length > 0);
            Assert.Equal((long)migrations, reader.GetInt64(0));
            Assert.Equal(reader.GetInt64(0), reader.GetInt64(1));
        }

        using var ann = await SignedInAsync(a, "ann");
        using var onB = b.CreateLiveClient();
        var login = await onB.PostAsJsonAsync("/api/account/login", new { email = EmailOf(ann), password = Password });
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
        onB.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.Created, (await ann.PostAsJsonAsync("/api/presets", new { name = "Shared", game = "bluff" })).StatusCode);
        var seenOnB = await onB.GetFromJsonAsync<JsonElement>("/api/presets");
        Assert.Equal("Shared", Assert.Single(seenOnB.EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnInstanceWaitsForTheMigrationLockAnotherHoldsBeforeMigrating()
    {
        using var database = PostgresTestDatabase.Create();
        await using var holder = new NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        await ExecuteAsync(holder, $"SELECT pg_advisory_lock({DatabaseMigrator.PostgreSqlMigrationLock})");
        using var app = new PartyAppFactory().WithPostgreSqlAccounts(database, owned: false);

        var starting = Task.Run(app.EnsureStarted);
        await Eventually.TrueAsync(async () => await WaitingForTheLockAsync(holder) > 0, "the instance to wait for the migration lock");
        Assert.False(starting.IsCompleted);
        Assert.Equal(0L, await ExecuteAsync(holder, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'AspNetUsers'"));

        await ExecuteAsync(holder, $"SELECT pg_advisory_unlock({DatabaseMigrator.PostgreSqlMigrationLock})");
        await starting.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1L, await ExecuteAsync(holder, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'AspNetUsers'"));
        using var client = app.CreateLiveClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task HealthzReportsTheAccountsDatabaseAndAnswers503WhenItIsGone()
    {
        using var database = PostgresTestDatabase.Create();
        using var app = new PartyAppFactory().WithPostgreSqlAccounts(database, owned: false);
        using var client = app.CreateLiveClient();

        var healthy = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        var accounts = (await healthy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("accounts");
        Assert.Equal("Healthy", accounts.GetProperty("status").GetString());
        Assert.Contains($"PostgreSQL 127.0.0.1", accounts.GetProperty("description").GetString());
        Assert.Contains(database.Name, accounts.GetProperty("description").GetString());

        database.Dispose();

        var gone = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
        var body = await gone.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("accounts").GetProperty("status").GetString());
    }

    [Fact]
    public void PostgreSqlWithoutAConnectionStringStopsStartUpSayingWhatIsMissing()
    {
        using var app = new PartyAppFactory().WithSetting("Accounts:Provider", "PostgreSql").WithSetting("ConnectionStrings:Accounts", "");

        var refused = Assert.ThrowsAny<Exception>(app.EnsureStarted);

        Assert.Contains("ConnectionStrings:Accounts", refused.ToString());
    }

    private static async Task<long> WaitingForTheLockAsync(NpgsqlConnection connection) =>
        await ExecuteAsync(connection, "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");

    private static async Task<long> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync();
        return result is long count ? count : 0;
    }
}
