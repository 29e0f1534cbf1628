using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Store;
using VideoStudio.TestSupport;

namespace VideoStudio.Tests.Jobs;

/// <summary>
/// PostgreSQL's store measures on the database server's clock by default: hosts whose clocks are 45 s off the real
/// time (each reading <see cref="TimeProvider.System"/> shifted) neither take a live lease nor exceed the minute's
/// submissions. The conformance suite proves the same with a fake store clock on both databases.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "PostgreSQL")]
[Collection(PostgresDatabases.Name)]
public sealed class PostgresClockTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(45);
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;
    private readonly List<SqlJobStore> stores = [];
    private string? connectionString;

    public async ValueTask InitializeAsync() => connectionString = await server.CreateDatabaseAsync();

    [Fact]
    public async Task ClaimAsync_HostAheadOfTheServer_NeverTakesALiveLease()
    {
        SqlJobStore behind = Host(-Skew), ahead = Host(Skew);
        JobCreation created = await behind.CreateAsync(Queued(), new LeaseTerms("behind", TimeSpan.FromSeconds(30)), StoreRecords.Caps(), ct);

        (await ahead.ClaimAsync(new ClaimRequest(new LeaseTerms("ahead", TimeSpan.FromSeconds(30)), 10), ct)).ShouldBeEmpty();
        (await ahead.GetLeaseAsync(created.Job.Id, ct))!.Worker.ShouldBe("behind");
    }

    [Fact]
    public async Task ClaimWithinLimitsAsync_HostsOffBothWays_PerMinuteLimitHolds()
    {
        SqlJobStore behind = Host(-Skew), ahead = Host(Skew);
        var limits = new SubmitLimits(Queued().Provider, MaxInFlight: 100, PerMinute: 2);
        var terms = new LeaseTerms("w", TimeSpan.FromMinutes(5));
        for (int i = 0; i < 2; i++)
        {
            await behind.CreateAsync(Queued(), terms, StoreRecords.Caps(), ct);
            ClaimedJob admitted = (await behind.ClaimWithinLimitsAsync(new ClaimRequest(terms, 1), limits, ct)).ShouldHaveSingleItem();
            await behind.UpdateAsync(admitted.Job.MoveTo(JobState.Submitting, DateTimeOffset.UtcNow), admitted.Lease, null, ct);
        }

        await ahead.CreateAsync(Queued(), terms, StoreRecords.Caps(), ct);

        (await ahead.ClaimWithinLimitsAsync(new ClaimRequest(terms, 1), limits, ct)).ShouldBeEmpty();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (SqlJobStore store in stores)
        {
            await store.DisposeAsync();
        }
    }

    private static JobRecord Queued() => StoreRecords.Queued(at: DateTimeOffset.UtcNow);

    private SqlJobStore Host(TimeSpan skew)
    {
        SqlJobStore store = SqlJobStore.Postgres(connectionString!, new SkewedClock(TimeProvider.System, skew));
        stores.Add(store);
        return store;
    }
}
