using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;

namespace VideoStudio.IntegrationTests.Jobs;

/// <summary>
/// A provider charge still pending when its process stopped is not lost: the next process that runs the job machinery
/// on the same store (here a second engine on the same SQLite file and provider) collects it.
/// </summary>
public sealed class JobChargeCollectionTests
{
    private const string Model = "lightricks/ltx-2-fast/text-to-video";

    [Fact]
    public async Task CollectCharges_LookupPendingWhenItsProcessStopped_CollectedByTheNextProcessOnTheStore()
    {
        await using JobHarness h = await JobHarness.StartAsync(configure: o =>
        {
            o.ChargeLookupInterval = TimeSpan.FromMilliseconds(200);
            o.ChargeLookupDelays = [TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)]; // the first lookup comes after this process stops
        });
        JobView done = await h.WaitAsync(await h.SubmitAsync(Model, JobHarness.T2V()));
        JobCharge? pending = done.Charge;

        await h.RestartEngineAsync(); // this process stops; the next one starts its job worker on the same store
        JobView seen = done;
        while (seen.Charge?.Status != JobChargeStatus.Known)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), h.Token); // bounded by the harness deadline
            seen = (await h.Jobs.GetAsync(done.Id, done.Owner, h.Token))!;
        }

        done.State.ShouldBe(JobState.Completed, done.Error?.Message);
        pending.ShouldNotBeNull();
        pending.Status.ShouldBe(JobChargeStatus.Pending);
        pending.Attempts.ShouldBe(0, "the first process stopped before its first lookup");
        seen.Charge!.ChargedUsd.ShouldNotBeNull();
        seen.Charge.ChargedUsd!.Value.ShouldBeGreaterThan(0m);
        seen.Charge.Attempts.ShouldBeGreaterThanOrEqualTo(1);
    }
}
