using Microsoft.Data.Sqlite;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Sqlite;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Jobs;

/// <summary>
/// Budget caps are checked and reserved in one BEGIN IMMEDIATE transaction: many threads and two store instances
/// (as two processes would) racing on one file never overspend.
/// </summary>
public sealed class BudgetReservationTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    private string Db => dir.File("videostudio.db");

    [Theory]
    [InlineData(10.0, null)]
    [InlineData(null, 10.0)]
    [InlineData(12.0, 10.0)]
    public async Task CreateAsync_ManyConcurrentCallsOnTwoStores_NeverExceedTheCap(double? daily, double? monthly)
    {
        var stores = new[] { new SqliteJobStore(Db), new SqliteJobStore(Db) };
        BudgetCaps caps = StoreRecords.Caps((decimal?)daily, (decimal?)monthly);

        // 160 attempts of $0.25 against a $10 cap: exactly 40 fit.
        var attempts = Enumerable.Range(0, 160).Select(i => Task.Run(async () =>
        {
            try
            {
                await stores[i % 2].CreateAsync(StoreRecords.Queued(hold: 0.25m), caps, ct);
                return true;
            }
            catch (BudgetExceededException)
            {
                return false;
            }
        }, ct));
        bool[] results = await Task.WhenAll(attempts);

        results.Count(r => r).ShouldBe(40);
        SpendSummary spend = await stores[0].GetSpendAsync("alice", StoreRecords.Now.AddDays(-30), ct);
        spend.TotalUsd.ShouldBe(10m);
        spend.Jobs.ShouldBe(40);
    }

    [Fact]
    public async Task CreateAsync_OverTheDailyCap_RefusedWithTheAmounts()
    {
        var store = new SqliteJobStore(Db);
        await store.CreateAsync(StoreRecords.Queued(hold: 4m), StoreRecords.Caps(daily: 5m), ct);

        var ex = await Should.ThrowAsync<BudgetExceededException>(() => store.CreateAsync(StoreRecords.Queued(hold: 2m), StoreRecords.Caps(daily: 5m), ct));

        ex.Message.ShouldContain("daily cap");
        ex.Message.ShouldContain("$5.00");
        ex.Message.ShouldContain("$1.00 left");
        (await store.GetSpendAsync("alice", StoreRecords.Now.AddDays(-1), ct)).Jobs.ShouldBe(1);
    }

    [Fact]
    public async Task CreateAsync_YesterdaysSpend_CountsForTheMonthButNotTheDay()
    {
        var store = new SqliteJobStore(Db);
        DateTimeOffset yesterday = StoreRecords.Now.AddDays(-1);
        await store.CreateAsync(StoreRecords.Queued(hold: 4m, at: yesterday), StoreRecords.Caps(at: yesterday), ct);

        await store.CreateAsync(StoreRecords.Queued(hold: 4m), StoreRecords.Caps(daily: 5m), ct);
        await Should.ThrowAsync<BudgetExceededException>(() => store.CreateAsync(StoreRecords.Queued(hold: 4m), StoreRecords.Caps(monthly: 10m), ct));
    }

    [Fact]
    public async Task SettleAsync_BelowTheHold_FreesBudgetForTheNextJob()
    {
        var store = new SqliteJobStore(Db);
        (JobRecord job, _) = await store.CreateAsync(StoreRecords.Queued(hold: 5m), StoreRecords.Caps(daily: 5m), ct);
        await Should.ThrowAsync<BudgetExceededException>(() => store.CreateAsync(StoreRecords.Queued(hold: 1m), StoreRecords.Caps(daily: 5m), ct));

        await store.SettleAsync(job.Id, 3m, ct);

        (await store.CreateAsync(StoreRecords.Queued(hold: 2m), StoreRecords.Caps(daily: 5m), ct)).Created.ShouldBeTrue();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
