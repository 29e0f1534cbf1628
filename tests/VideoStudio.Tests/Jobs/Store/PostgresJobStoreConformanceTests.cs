using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Store;
using VideoStudio.TestSupport;

namespace VideoStudio.Tests.Jobs;

/// <summary>The PostgreSQL server the store tests share (started from Debian's package, see <see cref="PostgresServer"/>).</summary>
[Trait("Category", "Slow")]
[Trait("Category", "PostgreSQL")]
[CollectionDefinition(Name)]
public sealed class PostgresDatabases : ICollectionFixture<PostgresServer>
{
    /// <summary>The collection name.</summary>
    public const string Name = "postgres";
}

/// <summary>The store conformance suite on a real PostgreSQL server, a fresh database per test (each store instance is another host). The
/// store's clock is the test's, so leases can be made to lapse; the skew tests prove the server's clock is the default.</summary>
[Collection(PostgresDatabases.Name)]
public sealed class PostgresJobStoreConformanceTests(PostgresServer server) : JobStoreConformance, IAsyncLifetime
{
    private readonly List<SqlJobStore> stores = [];
    private string? connectionString;

    public async ValueTask InitializeAsync() => connectionString = await server.CreateDatabaseAsync();

    /// <inheritdoc />
    private protected override IJobStore NewStore(TimeProvider hostClock)
    {
        var store = new SqlJobStore(new PostgresDialect(connectionString!), hostClock, StoreClock.Of(Clock));
        stores.Add(store);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (SqlJobStore store in stores)
        {
            await store.DisposeAsync();
        }
    }
}
