using System.Security.Cryptography;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.TestSupport;
using static VideoStudio.Engine.Presentation.ApiViews;

namespace VideoStudio.IntegrationTests.Jobs;

/// <summary>
/// A disk that really fills up (a tiny tmpfs, see <see cref="SmallDisk"/>) under a whole engine and the simulator:
/// the job waits, says why, and finishes by itself once an operator makes room — no restart, nothing paid twice.
/// </summary>
public sealed class StorageFaultTests
{
    private const string Model = "lightricks/ltx-2-fast/text-to-video";

    [Fact]
    public async Task Run_OutputDiskFull_WaitsDownloadingSayingWhyThenCompletesOnceThereIsRoom()
    {
        await using SmallDisk? disk = await SmallDisk.TryMountAsync(8 * 1024);
        Assert.SkipWhen(disk is null, SmallDisk.Requirement);
        await using JobHarness h = await StartWithOutputsOnAsync(disk!, timeout: null);
        JobView job = await h.SubmitAsync(Model, JobHarness.T2V());

        JobView waiting = await WaitForAsync(h, job, j => j.Error?.Code == ErrorCodes.StorageFull);
        waiting.State.ShouldBe(JobState.Downloading);
        waiting.Error!.Message.ShouldContain("disk is full");
        await disk!.GrowAsync(64L << 20);
        JobView done = await h.WaitAsync(job);

        done.State.ShouldBe(JobState.Completed, done.Error?.Message);
        done.Error.ShouldBeNull();
        JobOutput output = done.Outputs[0];
        output.LocalPath!.ShouldStartWith(disk.Path);
        Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(output.LocalPath!, h.Token))).ShouldBe(output.Sha256);
        Directory.GetFiles(Path.GetDirectoryName(output.LocalPath!)!).ShouldBe([output.LocalPath!]); // no staging left behind
        h.Server.Stats.TotalSubmissions.ShouldBe(1);
    }

    [Fact]
    public async Task Run_OutputDiskStaysFull_FailsAfterStorageRetryTimeoutNamingTheDisk()
    {
        await using SmallDisk? disk = await SmallDisk.TryMountAsync(8 * 1024);
        Assert.SkipWhen(disk is null, SmallDisk.Requirement);
        await using JobHarness h = await StartWithOutputsOnAsync(disk!, timeout: TimeSpan.FromSeconds(2));

        JobView submitted = await h.SubmitAsync(Model, JobHarness.T2V());
        JobView done = await h.WaitAsync(submitted);

        done.State.ShouldBe(JobState.Failed);
        done.Error!.Code.ShouldBe(ErrorCodes.DownloadFailed);
        done.Error.Message.ShouldContain("stays at the provider");
        done.Error.Message.ShouldContain(disk!.Path);
        h.Server.Stats.TotalSubmissions.ShouldBe(1);
    }

    [Fact]
    public async Task Run_StoreFullForAWhile_WritesRetriedAndJobCompletesWithoutRestart()
    {
        FullDiskJobStore? store = null;
        await using JobHarness h = await JobHarness.StartAsync(wrapStore: real => store = new FullDiskJobStore(real));
        _ = h.Jobs; // builds the engine, and so the store
        store!.Full = true;
        JobView job = await h.SubmitAsync(Model, JobHarness.T2V());
        for (int i = 0; i < 200 && store.Refused < 3; i++)
        {
            await Task.Delay(20, h.Token);
        }

        store.Refused.ShouldBeGreaterThanOrEqualTo(3);
        (await h.Jobs.GetAsync(job.Id, job.Owner, h.Token))!.State.ShouldBe(JobState.Queued); // nothing sent while the write-ahead cannot be stored
        h.Server.Stats.TotalSubmissions.ShouldBe(0);
        store.Full = false;
        JobView done = await h.WaitAsync(job);

        done.State.ShouldBe(JobState.Completed, done.Error?.Message);
        h.Server.Stats.TotalSubmissions.ShouldBe(1);
    }

    // Outputs on the small disk, short pauses between tries; timeout: how long a job waits for room (null: the default day).
    private static Task<JobHarness> StartWithOutputsOnAsync(SmallDisk disk, TimeSpan? timeout) =>
        JobHarness.StartAsync(configure: o =>
        {
            o.OutputDirectory = disk.Path;
            o.StorageRetryDelay = TimeSpan.FromMilliseconds(100);
            o.StorageRetryMaxDelay = TimeSpan.FromMilliseconds(300);
            o.StorageRetryTimeout = timeout ?? o.StorageRetryTimeout;
        });

    private static async Task<JobView> WaitForAsync(JobHarness h, JobView job, Func<JobView, bool> condition)
    {
        for (int i = 0; i < 300; i++)
        {
            JobView current = (await h.Jobs.GetAsync(job.Id, job.Owner, h.Token))!;
            if (condition(current))
            {
                return current;
            }

            current.IsTerminal.ShouldBeFalse($"the job ended ({current.State}: {current.Error?.Message}) before the condition held");
            await Task.Delay(50, h.Token);
        }

        throw new TimeoutException($"job {job.Id} never met the condition");
    }
}
