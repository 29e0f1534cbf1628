using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Postgres;
using VideoStudio.TestSupport;

namespace VideoStudio.Tests.Jobs;

/// <summary>The PostgreSQL server the store tests share (started from Debian's package, see <see cref="PostgresServer"/>).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresDatabases : ICollectionFixture<PostgresServer>
{
    /// <summary>The collection name.</summary>
    public const string Name = "postgres";
}

/// <summary>The store conformance suite on a real PostgreSQL server, a fresh database per test (each store instance is another host).</summary>
[Collection(PostgresDatabases.Name)]
public sealed class PostgresJobStoreConformanceTests(PostgresServer server) : JobStoreConformance, IAsyncLifetime
{
    private readonly List<PostgresJobStore> stores = [];
    private string? connectionString;

    public async ValueTask InitializeAsync() => connectionString = await server.CreateDatabaseAsync();

    /// <inheritdoc />
    protected override IJobStore NewStore()
    {
        var store = new PostgresJobStore(connectionString!, Clock);
        stores.Add(store);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (PostgresJobStore store in stores)
        {
            await store.DisposeAsync();
        }
    }
}
