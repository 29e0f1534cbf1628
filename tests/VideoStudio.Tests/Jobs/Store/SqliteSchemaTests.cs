using Microsoft.Data.Sqlite;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Store;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Jobs;

/// <summary>Schema migrations: from nothing, idempotent at the current version, and refusing a newer file.</summary>
public sealed class SqliteSchemaTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    private string Db => dir.File("videostudio.db");

    [Fact]
    public async Task MigrateAsync_EmptyFile_CreatesTheCurrentSchemaInWalMode()
    {
        await File.WriteAllBytesAsync(Db, [], ct);

        await SqlJobStore.Sqlite(Db).ListAsync("anyone", null, 1, ct);

        (await ScalarAsync("SELECT MAX(version) FROM schema_version")).ShouldBe(StoreSchema.CurrentVersion(new SqliteDialect(Db)));
        (await ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('jobs', 'reservations')")).ShouldBe(2);
        (await TextAsync("PRAGMA journal_mode")).ShouldBe("wal");
    }

    [Fact]
    public async Task MigrateAsync_FileAlreadyAtCurrentVersion_ChangesNothing()
    {
        var first = SqlJobStore.Sqlite(Db);
        JobRecord job = (await first.CreateAsync(StoreRecords.Queued(), new VideoStudio.Engine.Jobs.Leases.LeaseTerms("w", TimeSpan.FromSeconds(30)), StoreRecords.Caps(), ct)).Job;

        await StoreSchema.MigrateAsync(new SqliteDialect(Db), ct);

        JobRecord? again = await SqlJobStore.Sqlite(Db).GetAsync(job.Id, job.Owner, ct);

        again.ShouldNotBeNull();
        (await ScalarAsync("SELECT COUNT(*) FROM schema_version")).ShouldBe(StoreSchema.CurrentVersion(new SqliteDialect(Db)));
        (await ScalarAsync("SELECT COUNT(*) FROM jobs")).ShouldBe(1);
    }

    [Fact]
    public async Task OpenStore_FileWithNewerSchema_RefusedWithAClearMessage()
    {
        await using (var c = await OpenAsync())
        {
            await using SqliteCommand cmd = c.CreateCommand();
            cmd.CommandText = $"CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES ({StoreSchema.CurrentVersion(new SqliteDialect(Db)) + 1});";
            await cmd.ExecuteNonQueryAsync(ct);
        }

        var ex = await Should.ThrowAsync<InvalidOperationException>(() => SqlJobStore.Sqlite(Db).ListAsync("anyone", null, 1, ct));

        ex.Message.ShouldContain("newer VideoStudio");
        ex.Message.ShouldContain($"schema {StoreSchema.CurrentVersion(new SqliteDialect(Db)) + 1}");
        ex.Message.ShouldContain("--data-dir");
        (await ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE name = 'jobs'")).ShouldBe(0, "a newer file is not touched");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dir.Dispose();
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db, Pooling = false }.ToString());
        await c.OpenAsync(ct);
        return c;
    }

    private async Task<long> ScalarAsync(string sql) => Convert.ToInt64(await RawAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> TextAsync(string sql) => Convert.ToString(await RawAsync(sql), System.Globalization.CultureInfo.InvariantCulture)!;

    private async Task<object?> RawAsync(string sql)
    {
        await using SqliteConnection c = await OpenAsync();
        await using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync(ct);
    }
}
