using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Persistence;

/// <summary>
/// What the presets and the packs services both need of the rows an account owns: the database's refusals read the
/// same on SQLite and PostgreSQL, and the time a row keeps.
/// </summary>
internal static class AccountRows
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintForeignKey = 787;

    /// <summary>A unique index refused the row: another request took the name (or code) between the check and the insert.</summary>
    public static bool IsUniqueViolation(this DbUpdateException ex) =>
        ex.InnerException is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique }
            or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>The row's owner is gone: the account was deleted while the request ran.</summary>
    public static bool IsForeignKeyViolation(this DbUpdateException ex) =>
        ex.InnerException is SqliteException { SqliteExtendedErrorCode: SqliteConstraintForeignKey }
            or PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation };

    /// <summary>What a save answers when <see cref="IsForeignKeyViolation"/>.</summary>
    public static GameError OwnerGone() =>
        new(ErrorCodes.Unauthorized, "Your account no longer exists; sign in again.", ErrorKind.Unauthorized);

    /// <summary>Now, in whole microseconds: what PostgreSQL's timestamptz keeps, so a row reads back exactly as it was answered.</summary>
    public static DateTimeOffset Now(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
