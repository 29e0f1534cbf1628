using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Leases;

namespace VideoStudio.Tests.Jobs;

/// <summary>
/// The fenced proofs a worker makes before acting outside the store (POST, moving a download into place), and
/// adoption of a provider task only by the job it can belong to, decided in one transaction.
/// </summary>
public abstract partial class JobStoreConformance
{
    private const string Fingerprint = "f00d";

    [Fact]
    public async Task ConfirmLeaseAsync_Held_ExtendsTheLeaseSoNobodyClaimsTheJob()
    {
        IJobStore hostA = NewStore(), hostB = NewStore();
        (_, JobLease lease) = await CreateAsync(hostA, StoreRecords.Queued());
        Clock.Advance(LeaseLength - TimeSpan.FromSeconds(1));

        JobLease confirmed = await hostA.ConfirmLeaseAsync(lease, LeaseLength, Ct);
        Clock.Advance(TimeSpan.FromSeconds(5));

        confirmed.Token.ShouldBe(lease.Token);
        confirmed.ExpiresAt.ShouldBe(StoreRecords.Now + LeaseLength - TimeSpan.FromSeconds(1) + LeaseLength);
        (await hostB.ClaimAsync(new ClaimRequest(Worker("w2"), 10), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ConfirmLeaseAsync_LapsedAndTakenOver_RefusedAndTheNewHoldersLeaseStands()
    {
        IJobStore hostA = NewStore(), hostB = NewStore();
        (JobRecord job, JobLease stale) = await CreateAsync(hostA, StoreRecords.Queued());
        Clock.Advance(LeaseLength + TimeSpan.FromSeconds(1));
        ClaimedJob taken = (await hostB.ClaimAsync(new ClaimRequest(Worker("w2"), 10), Ct)).Single();

        await Should.ThrowAsync<JobLeaseLostException>(() => hostA.ConfirmLeaseAsync(stale, LeaseLength, Ct));

        JobLease holder = (await hostB.GetLeaseAsync(job.Id, Ct))!;
        holder.Worker.ShouldBe("w2");
        holder.Token.ShouldBe(taken.Lease.Token);
    }

    [Fact]
    public async Task ConfirmLeaseAsync_LapsedNotTakenOver_Refused()
    {
        IJobStore store = NewStore();
        (_, JobLease lease) = await CreateAsync(store, StoreRecords.Queued());
        Clock.Advance(LeaseLength);

        await Should.ThrowAsync<JobLeaseLostException>(() => store.ConfirmLeaseAsync(lease, LeaseLength, Ct));
    }

    [Fact]
    public async Task TryAdoptAsync_PredictionAnotherJobHolds_RefusedAndNothingWritten()
    {
        IJobStore store = NewStore();
        (JobRecord bob, JobLease bobLease) = await SubmittingAsync(store);
        (JobRecord alice, JobLease aliceLease) = await SubmittingAsync(store);
        (await store.TryAdoptAsync(Adopting(bob, "pred-1"), bobLease, fromHistory: false, Ct)).ShouldNotBeNull();

        (await store.TryAdoptAsync(Adopting(alice, "pred-1"), aliceLease, fromHistory: true, Ct)).ShouldBeNull();
        (await store.TryAdoptAsync(Adopting(alice, "pred-1"), aliceLease, fromHistory: false, Ct)).ShouldBeNull("even the POST's own answer cannot take a task another job holds");

        JobRecord stored = (await store.FindAsync(alice.Id, Ct))!;
        stored.State.ShouldBe(JobState.Submitting);
        stored.PredictionId.ShouldBeNull();
        stored.Version.ShouldBe(alice.Version);
    }

    [Fact]
    public async Task TryAdoptAsync_FromHistoryWhileAnotherSubmissionOfTheSameInputIsUnresolved_Refused()
    {
        IJobStore store = NewStore();
        (JobRecord bob, JobLease bobLease) = await SubmittingAsync(store); // its POST's answer has not arrived yet
        (JobRecord alice, JobLease aliceLease) = await SubmittingAsync(store);

        (await store.TryAdoptAsync(Adopting(alice, "pred-bob"), aliceLease, fromHistory: true, Ct)).ShouldBeNull("the task could be Bob's");

        JobRecord adopted = (await store.TryAdoptAsync(Adopting(bob, "pred-bob"), bobLease, fromHistory: false, Ct))!;
        adopted.PredictionId.ShouldBe("pred-bob");
        adopted.State.ShouldBe(JobState.Processing);
    }

    [Fact]
    public async Task TryAdoptAsync_FromHistoryNoOtherJobCouldOwnIt_WrittenUnderTheLease()
    {
        IJobStore store = NewStore();
        (JobRecord job, JobLease lease) = await SubmittingAsync(store);
        (JobRecord other, _) = await SubmittingAsync(store, fingerprint: "another-input");

        JobRecord adopted = (await store.TryAdoptAsync(Adopting(job, "pred-7"), lease, fromHistory: true, Ct))!;

        adopted.Version.ShouldBe(job.Version + 1);
        (await NewStore().FindByPredictionAsync("pred-7", Ct))!.Id.ShouldBe(job.Id);
        (await store.FindAsync(other.Id, Ct))!.PredictionId.ShouldBeNull();
    }

    [Fact]
    public async Task TryAdoptAsync_LeaseTakenOver_Throws()
    {
        IJobStore hostA = NewStore(), hostB = NewStore();
        (JobRecord job, JobLease stale) = await SubmittingAsync(hostA);
        Clock.Advance(LeaseLength + TimeSpan.FromSeconds(1));
        (await hostB.ClaimAsync(new ClaimRequest(Worker("w2"), 10), Ct)).ShouldHaveSingleItem();

        await Should.ThrowAsync<JobLeaseLostException>(() => hostA.TryAdoptAsync(Adopting(job, "pred-9"), stale, fromHistory: false, Ct));
        (await hostB.FindByPredictionAsync("pred-9", Ct)).ShouldBeNull();
    }

    // A job whose write-ahead is stored (its POST sent or about to be), with the input fingerprint the provider's history is matched by.
    private async Task<(JobRecord Job, JobLease Lease)> SubmittingAsync(IJobStore store, string fingerprint = Fingerprint)
    {
        (JobRecord job, JobLease lease) = await CreateAsync(store, StoreRecords.Queued());
        JobRecord submitting = job.MoveTo(JobState.Submitting, Clock.GetUtcNow()) with { InputFingerprint = fingerprint, SubmitAttempts = 1 };
        return (await store.UpdateAsync(submitting, lease, null, Ct), lease);
    }

    private JobRecord Adopting(JobRecord job, string prediction) => job.MoveTo(JobState.Processing, Clock.GetUtcNow()) with { PredictionId = prediction };
}
