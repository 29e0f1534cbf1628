using Npgsql;

namespace VideoStudio.Engine.Jobs.Postgres;

/// <summary>The store's few ways of running a statement: positional parameters <c>$1</c>, <c>$2</c>, …; rows read as job records.</summary>
internal static class PostgresSql
{
    public static async Task<JobRecord?> ReadOneAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using NpgsqlCommand cmd = Command(c, tx, sql, args);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is string json ? JobRows.Deserialize(json) : null;
    }

    public static async Task<long> ScalarAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using NpgsqlCommand cmd = Command(c, tx, sql, args);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using NpgsqlCommand cmd = Command(c, tx, sql, args);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    // Positional parameters $1, $2, ... in order; a null is sent as an untyped NULL (the SQL casts it where it matters).
    public static NpgsqlCommand Command(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, params object?[] args)
    {
        var cmd = new NpgsqlCommand(sql, c, tx);
        foreach (object? arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg ?? DBNull.Value });
        }

        return cmd;
    }
}
