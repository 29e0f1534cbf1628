using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Steps;
using VideoStudio.Engine.Providers;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Jobs.Steps;

/// <summary>Downloading: staged under the lease's token, moved into place only after the store confirms the lease; a full disk is waited out.</summary>
public sealed class DownloadingStepTests : IAsyncDisposable
{
    private static readonly ProviderTask Done = TestVideoProvider.Answer("p-1", ProviderTaskStatus.Completed, outputs: "http://127.0.0.1:5999/out.mp4");
    private readonly JobCore core = new();

    [Fact]
    public async Task RunAsync_Downloaded_MovedIntoPlaceAndOnlyOlderHoldersStagingDeleted()
    {
        JobCore.Held job = await DownloadingAsync();
        string path = Path.Combine(core.Outputs, job.Job.Id, "output-0.mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(DownloadingStep.StagingPath(path, job.Lease.Token - 1), "left by a dead holder", core.Ct);
        await File.WriteAllTextAsync(DownloadingStep.StagingPath(path, job.Lease.Token + 1), "a newer holder's", core.Ct);
        core.Provider.DownloadAsyncCallback = WriteVideo;

        Advance advance = (await core.Get<DownloadingStep>().RunAsync(core.Step(job, answer: Done), core.Ct)).ShouldBeOfType<Advance>();

        advance.Next.State.ShouldBe(JobState.Completed);
        advance.Next.Outputs.ShouldHaveSingleItem().LocalPath.ShouldBe(path);
        (await File.ReadAllTextAsync(path, core.Ct)).ShouldBe("video");
        File.Exists(DownloadingStep.StagingPath(path, job.Lease.Token - 1)).ShouldBeFalse();
        File.Exists(DownloadingStep.StagingPath(path, job.Lease.Token + 1)).ShouldBeTrue("a worker never touches a newer token's staging file");
        advance.SettleUsd.ShouldBe(job.Job.EstimateUsd);
    }

    [Fact]
    public async Task RunAsync_LeaseTakenOverMidDownload_WritesNothingIntoPlace()
    {
        JobCore.Held job = await DownloadingAsync();
        string path = Path.Combine(core.Outputs, job.Job.Id, "output-0.mp4");
        core.Provider.DownloadAsyncCallback = async (url, staged, progress, ct) =>
        {
            DownloadedFile file = await WriteVideo(url, staged, progress, ct);
            core.Clock.Advance(TimeSpan.FromSeconds(31)); // this worker froze past its lease; another took the job
            ClaimedJob taken = (await core.Store.ClaimAsync(new ClaimRequest(new LeaseTerms("another-host", TimeSpan.FromSeconds(30)), 1), ct)).Single();
            await File.WriteAllTextAsync(DownloadingStep.StagingPath(path, taken.Lease.Token), "the new holder's", ct);
            return file;
        };

        await Should.ThrowAsync<JobLeaseLostException>(() => core.Get<DownloadingStep>().RunAsync(core.Step(job, answer: Done), core.Ct));

        File.Exists(path).ShouldBeFalse();
        File.Exists(DownloadingStep.StagingPath(path, job.Lease.Token + 1)).ShouldBeTrue();
    }

    [Fact]
    public async Task RunAsync_DiskFull_WaitsDownloadingSayingWhy()
    {
        JobCore.Held job = await DownloadingAsync();
        core.Provider.DownloadAsyncCallback = (_, staged, _, _) => throw new LocalStorageException(staged, new IOException("No space left on device", 28));

        Wait wait = (await core.Get<DownloadingStep>().RunAsync(core.Step(job, answer: Done), core.Ct)).ShouldBeOfType<Wait>();

        wait.Note!.Code.ShouldBe(ErrorCodes.StorageFull);
        wait.Note.Message.ShouldContain("disk is full");
        wait.Until.ShouldBeGreaterThan(core.Clock.GetUtcNow());
    }

    [Fact]
    public async Task RunAsync_DiskStillFullPastTheStorageTimeout_FailsSayingWhereTheResultIs()
    {
        JobCore.Held job = await DownloadingAsync();
        core.Provider.DownloadAsyncCallback = (_, staged, _, _) => throw new LocalStorageException(staged, new IOException("No space left on device", 28));
        core.Clock.Advance(TimeSpan.FromDays(1));

        Advance advance = (await core.Get<DownloadingStep>().RunAsync(core.Step(job, answer: Done), core.Ct)).ShouldBeOfType<Advance>();

        advance.Next.Error!.Code.ShouldBe(ErrorCodes.DownloadFailed);
        advance.Next.Error.Message.ShouldContain("stays at the provider");
    }

    private static async Task<DownloadedFile> WriteVideo(Uri url, string staged, IProgress<long>? progress, CancellationToken ct)
    {
        await File.WriteAllTextAsync(staged, "video", ct);
        return new DownloadedFile(5, new string('a', 64), "video/mp4");
    }

    private async Task<JobCore.Held> DownloadingAsync()
    {
        JobCore.Held job = await core.CreateAsync();
        return await core.MoveAsync(job, JobState.Downloading, j => j with { PredictionId = "p-1" });
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();
}
