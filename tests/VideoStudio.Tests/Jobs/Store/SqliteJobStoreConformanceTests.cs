using Microsoft.Data.Sqlite;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Store;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Jobs;

/// <summary>The store conformance suite on one real SQLite file (each store instance is what a second process opens).</summary>
public sealed class SqliteJobStoreConformanceTests : JobStoreConformance, IDisposable
{
    private readonly TempDirectory dir = new();

    /// <inheritdoc />
    private protected override IJobStore NewStore(TimeProvider hostClock) => new SqlJobStore(new SqliteDialect(dir.File("videostudio.db")), hostClock, StoreClock.Of(Clock));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
