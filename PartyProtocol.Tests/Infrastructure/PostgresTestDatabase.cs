using Npgsql;

namespace PartyProtocol.Tests.Infrastructure;

/// <summary>
/// A database of its own in the PostgreSQL cluster test.sh starts (<c>PARTYPROTOCOL_TEST_POSTGRES</c>, a connection
/// string to its maintenance database): created with a unique name, dropped on dispose, so tests never see each
/// other's accounts. A missing variable fails the test with instructions rather than skipping it.
/// </summary>
public sealed class PostgresTestDatabase : IDisposable
{
    public const string Variable = "PARTYPROTOCOL_TEST_POSTGRES";

    private bool _disposed;

    private PostgresTestDatabase(string name, bool create)
    {
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(MaintenanceConnectionString) { Database = name }.ConnectionString;
        if (create)
        {
            Execute($"CREATE DATABASE \"{name}\"");
        }
    }

    /// <summary>The cluster's maintenance database, where databases are created and dropped.</summary>
    public static string MaintenanceConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"{Variable} is not set. Run ./test.sh, or start a PostgreSQL cluster on a loopback port and " +
            $"`export {Variable}='Host=127.0.0.1;Port=5432;Username=postgres;Password=...;Database=postgres'`.");

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>A new, empty database.</summary>
    public static PostgresTestDatabase Create() => new(NewName(), create: true);

    /// <summary>A unique name with no database behind it yet (the app creates it), dropped on dispose all the same.</summary>
    public static PostgresTestDatabase Reserve() => new(NewName(), create: false);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        // FORCE ends the connections an app instance still holds (a killed instance's pool, for one).
        Execute($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static string NewName() => "pp_test_" + Guid.NewGuid().ToString("N")[..16];

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(MaintenanceConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
