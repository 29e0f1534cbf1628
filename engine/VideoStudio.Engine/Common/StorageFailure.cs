using Microsoft.Data.Sqlite;
using Npgsql;

namespace VideoStudio.Engine.Common;

/// <summary>
/// Recognises this machine's own storage running out (disk, quota, database file) as opposed to a bug or a
/// caller's mistake: such a failure is retried once there is room, and answered as "the server is out of storage".
/// </summary>
public static class StorageFailure
{
    private const int UnixNoSpace = 28; // ENOSPC, the HResult .NET gives an IOException on Linux and macOS
    private const int UnixQuotaExceeded = 122; // EDQUOT on Linux
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int SqliteFull = 13; // SQLITE_FULL
    private const int SqliteBusy = 5; // SQLITE_BUSY
    private const int SqliteLocked = 6; // SQLITE_LOCKED
    private const int SqliteIoError = 10; // SQLITE_IOERR
    private const string PostgresDiskFull = "53100"; // disk_full
    private const int SqliteCantOpen = 14; // SQLITE_CANTOPEN

    /// <summary>True when <paramref name="error"/> (or an inner exception) says the disk, quota or database is full.</summary>
    public static bool IsOutOfSpace(Exception? error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is IOException { HResult: UnixNoSpace or UnixQuotaExceeded or WindowsDiskFull or WindowsHandleDiskFull }
                || e is SqliteException { SqliteErrorCode: SqliteFull }
                || e is PostgresException { SqlState: PostgresDiskFull })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True for a store or disk failure that passes by itself or once an operator frees room: out of space, a busy
    /// or locked SQLite file, an SQLite I/O error, a transient PostgreSQL error (connection lost, server restarting).
    /// </summary>
    public static bool IsTransient(Exception? error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is LocalStorageException
                || e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked or SqliteIoError }
                || e is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return IsOutOfSpace(error);
    }

    /// <summary>
    /// True when the job store cannot be reached or cannot answer now (connection refused or lost, the server shutting
    /// down or starting, a pool timeout, a busy or unopenable SQLite file): the caller should retry later, and a
    /// server answers 503 with <c>Retry-After</c>, never 500.
    /// </summary>
    public static bool IsStoreUnavailable(Exception? error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is PostgresException pg)
            {
                // Class 08: connection exception; 57P01-03: admin/crash shutdown, cannot connect now; 53300: too many connections.
                if (pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300")
                {
                    return true;
                }
            }
            else if (e is NpgsqlException { IsTransient: true }
                || e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked or SqliteCantOpen or SqliteIoError })
            {
                return true;
            }
        }

        return false;
    }
}
