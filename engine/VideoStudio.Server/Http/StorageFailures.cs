using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Server.Http;

/// <summary>
/// A full disk is the server's condition, not a bug and not the caller's fault: 507 Insufficient Storage with a
/// problem that says so (retry later), instead of a 500.
/// </summary>
public static class StorageFailures
{
    private const int UnixNoSpace = 28; // ENOSPC, the HResult .NET gives an IOException on Linux and macOS
    private const int UnixQuotaExceeded = 122; // EDQUOT on Linux
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int SqliteFull = 13; // SQLITE_FULL

    /// <summary>True when <paramref name="error"/> (or an inner exception) says the disk or quota is full.</summary>
    public static bool IsOutOfSpace(Exception? error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is IOException { HResult: UnixNoSpace or UnixQuotaExceeded or WindowsDiskFull or WindowsHandleDiskFull }
                || e is SqliteException { SqliteErrorCode: SqliteFull })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The 507 problem.</summary>
    public static IResult Problem(string what) =>
        ProblemResults.Problem(StatusCodes.Status507InsufficientStorage, "storage-full", "The server is out of storage",
            $"The server has no room left to store {what}; nothing was charged. Try again later (the operator must free space).",
            [new ApiViews.IssueView("$", "storage-full", "The server's disk is full.")]);
}
