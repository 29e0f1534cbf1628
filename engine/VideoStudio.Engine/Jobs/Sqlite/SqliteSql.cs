using System.Globalization;
using Microsoft.Data.Sqlite;

namespace VideoStudio.Engine.Jobs.Sqlite;

/// <summary>The store's few ways of running a statement: parameters bound in order as <c>$a</c>, <c>$b</c>, …; rows read as job records.</summary>
internal static class SqliteSql
{
    public static async Task<JobRecord?> ReadOneAsync(SqliteConnection c, SqliteTransaction? tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using SqliteCommand cmd = Command(c, tx, sql, args);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is string json ? JobRows.Deserialize(json) : null;
    }

    public static async Task<IReadOnlyList<JobRecord>> ReadManyAsync(SqliteConnection c, string sql, CancellationToken ct, params object?[] args)
    {
        await using SqliteCommand cmd = Command(c, null, sql, args);
        await using SqliteDataReader reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var jobs = new List<JobRecord>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            jobs.Add(JobRows.Deserialize(reader.GetString(0)));
        }

        return jobs;
    }

    public static async Task<long> ScalarAsync(SqliteConnection c, SqliteTransaction? tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using SqliteCommand cmd = Command(c, tx, sql, args);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public static async Task<int> ExecuteAsync(SqliteConnection c, SqliteTransaction? tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using SqliteCommand cmd = Command(c, tx, sql, args);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    // Parameters are named $a, $b, ... in order.
    public static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql, params object?[] args)
    {
        SqliteCommand cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        for (int i = 0; i < args.Length; i++)
        {
            cmd.Parameters.AddWithValue("$" + (char)('a' + i), args[i] ?? DBNull.Value);
        }

        return cmd;
    }
}
