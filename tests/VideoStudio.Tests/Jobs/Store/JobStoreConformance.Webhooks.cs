using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Store;
using VideoStudio.Engine.Jobs.Webhooks;

namespace VideoStudio.Tests.Jobs;

/// <summary>
/// The webhook outbox guarantees, on each store: an event is written with (and only with) a stored state change,
/// to the job's webhook or the owner's endpoint; deliveries are claimed by one worker at a time across store
/// instances, a lapsed claim passes to another worker and the first can no longer record; redelivery and endpoints
/// are owner-scoped; a rotated secret signs beside the new one until its grace ends.
/// </summary>
public abstract partial class JobStoreConformance
{
    private static IWebhookStore Webhooks(IJobStore store) => ((SqlJobStore)store).Webhooks;

    [Fact]
    public async Task CreateAsync_JobWithWebhook_WritesQueuedEventWithFullTargetAndRedactedView()
    {
        IJobStore store = NewStore();
        await Webhooks(store).SetEndpointAsync("alice", null, "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==", Ct);
        JobRecord job = StoreRecords.Queued() with { Webhook = "http://127.0.0.1:9/hook?[redacted]", WebhookTarget = "http://127.0.0.1:9/hook?token=s3cret" };
        (JobRecord created, _) = await CreateAsync(store, job);

        IReadOnlyList<WebhookDelivery> listed = await Webhooks(NewStore()).ListDeliveriesAsync("alice", created.Id, null, 10, Ct);
        IReadOnlyList<ClaimedDelivery> claimed = await Webhooks(NewStore()).ClaimDeliveriesAsync(Worker("d1"), 10, Ct);

        listed.Single().EventType.ShouldBe("job.queued");
        listed.Single().Url!.ShouldNotContain("s3cret");
        listed.Single().State.ShouldBe(WebhookDeliveryState.Pending);
        claimed.Single().Target.ShouldBe("http://127.0.0.1:9/hook?token=s3cret");
        claimed.Single().Payload.ShouldContain($"\"id\":\"{created.Id}\"");
        claimed.Single().Payload.ShouldNotContain("s3cret");
        claimed.Single().Secrets.ShouldBe(["whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ=="]);
    }

    [Fact]
    public async Task UpdateAsync_StateChangeWritesOneEvent_SameStateWritesNone()
    {
        IJobStore store = NewStore();
        await Webhooks(store).SetEndpointAsync("alice", "http://127.0.0.1:9/owner", "whsec_a", Ct);
        (JobRecord job, JobLease lease) = await CreateAsync(store, StoreRecords.Queued());
        job = await store.UpdateAsync(job with { SubmitAttempts = 1 }, lease, null, Ct);
        job = await store.UpdateAsync(job.MoveTo(JobState.Uploading, StoreRecords.Now), lease, null, Ct);
        await store.UpdateAsync(job.MoveTo(JobState.Failed, StoreRecords.Now) with { Error = new JobError("x", "y") }, lease, 0m, Ct);

        IReadOnlyList<WebhookDelivery> events = await Webhooks(store).ListDeliveriesAsync("alice", job.Id, null, 10, Ct);

        events.Select(e => e.EventType).Reverse().ShouldBe(["job.queued", "job.uploading", "job.failed"]);
        events.ShouldAllBe(e => e.Url == "http://127.0.0.1:9/owner");
    }

    [Fact]
    public async Task UpdateAsync_RefusedWrite_WritesNoEvent()
    {
        IJobStore store = NewStore();
        await Webhooks(store).SetEndpointAsync("alice", "http://127.0.0.1:9/owner", "whsec_a", Ct);
        (JobRecord job, JobLease lease) = await CreateAsync(store, StoreRecords.Queued(), lease: TimeSpan.FromSeconds(5));
        await Should.ThrowAsync<JobConcurrencyException>(() => store.UpdateAsync(job.MoveTo(JobState.Uploading, StoreRecords.Now) with { Version = 7 }, lease, null, Ct));
        Clock.Advance(TimeSpan.FromSeconds(6));
        await Should.ThrowAsync<JobLeaseLostException>(() => store.UpdateAsync(job.MoveTo(JobState.Cancelled, StoreRecords.Now), lease, null, Ct));

        (await Webhooks(store).ListDeliveriesAsync("alice", job.Id, null, 10, Ct)).Select(e => e.EventType).ShouldBe(["job.queued"]);
    }

    [Fact]
    public async Task CreateAsync_NoWebhookAndNoEndpoint_WritesNoEvent()
    {
        IJobStore store = NewStore();
        await Webhooks(store).SetEndpointAsync("bob", "http://127.0.0.1:9/bob", "whsec_b", Ct);
        (JobRecord job, _) = await CreateAsync(store, StoreRecords.Queued(owner: "alice"));

        (await Webhooks(store).ListDeliveriesAsync("alice", job.Id, null, 10, Ct)).ShouldBeEmpty();
        (await Webhooks(store).ClaimDeliveriesAsync(Worker("d1"), 10, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ClaimDeliveriesAsync_TwoStoresRacing_NeverShareADelivery()
    {
        IJobStore store = NewStore();
        await Webhooks(store).SetEndpointAsync("alice", "http://127.0.0.1:9/owner", "whsec_a", Ct);
        for (int i = 0; i < 20; i++)
        {
            await CreateAsync(store, StoreRecords.Queued());
        }

        IWebhookStore a = Webhooks(NewStore());
        IWebhookStore b = Webhooks(NewStore());
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? a : b).ClaimDeliveriesAsync(Worker("d" + i), 3, Ct)));

        List<string> ids = [.. claims.SelectMany(c => c).Select(c => c.Delivery.Id)];
        ids.Count.ShouldBe(20);
        ids.Distinct().Count().ShouldBe(20);
    }

    [Fact]
    public async Task CompleteDeliveryAsync_ClaimLapsedAndTakenOver_IsRefusedAndTheNewClaimRecords()
    {
        IJobStore store = NewStore();
        await Webhooks(store).SetEndpointAsync("alice", "http://127.0.0.1:9/owner", "whsec_a", Ct);
        await CreateAsync(store, StoreRecords.Queued());
        ClaimedDelivery first = (await Webhooks(store).ClaimDeliveriesAsync(new LeaseTerms("d1", TimeSpan.FromSeconds(10)), 10, Ct)).Single();
        (await Webhooks(NewStore()).ClaimDeliveriesAsync(Worker("d2"), 10, Ct)).ShouldBeEmpty();
        Clock.Advance(TimeSpan.FromSeconds(11));
        ClaimedDelivery second = (await Webhooks(NewStore()).ClaimDeliveriesAsync(Worker("d2"), 10, Ct)).Single();
        DateTimeOffset now = Clock.GetUtcNow();

        (await Webhooks(store).CompleteDeliveryAsync(first, new WebhookAttemptResult(WebhookDeliveryState.Delivered, now, null, 200, null), Ct)).ShouldBeFalse();
        (await Webhooks(store).CompleteDeliveryAsync(second, new WebhookAttemptResult(WebhookDeliveryState.Pending, now, now.AddMinutes(1), 503, "The receiver answered 503."), Ct)).ShouldBeTrue();

        second.Delivery.Id.ShouldBe(first.Delivery.Id);
        WebhookDelivery stored = (await Webhooks(store).ListDeliveriesAsync("alice", null, null, 10, Ct)).Single();
        stored.State.ShouldBe(WebhookDeliveryState.Pending);
        stored.Attempts.ShouldBe(1);
        stored.LastStatus.ShouldBe(503);
        stored.NextAttemptAt.ShouldBe(now.AddMinutes(1));
        (await Webhooks(store).ClaimDeliveriesAsync(Worker("d3"), 10, Ct)).ShouldBeEmpty();
        Clock.Advance(TimeSpan.FromMinutes(1));
        (await Webhooks(store).ClaimDeliveriesAsync(Worker("d3"), 10, Ct)).Single().Delivery.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task RedeliverAsync_DeadDelivery_PendingAgainForItsOwnerOnly()
    {
        IJobStore store = NewStore();
        IWebhookStore webhooks = Webhooks(store);
        await webhooks.SetEndpointAsync("alice", "http://127.0.0.1:9/owner", "whsec_a", Ct);
        await CreateAsync(store, StoreRecords.Queued());
        ClaimedDelivery claimed = (await webhooks.ClaimDeliveriesAsync(Worker("d1"), 10, Ct)).Single();
        await webhooks.CompleteDeliveryAsync(claimed, new WebhookAttemptResult(WebhookDeliveryState.Dead, Clock.GetUtcNow(), null, 500, "The receiver answered 500."), Ct);
        (await webhooks.ListDeliveriesAsync("alice", null, WebhookDeliveryState.Dead, 10, Ct)).Count.ShouldBe(1);
        (await webhooks.ClaimDeliveriesAsync(Worker("d1"), 10, Ct)).ShouldBeEmpty();

        (await webhooks.RedeliverAsync("bob", claimed.Delivery.Id, Ct)).ShouldBeNull();
        WebhookDelivery again = (await webhooks.RedeliverAsync("alice", claimed.Delivery.Id, Ct))!;

        again.State.ShouldBe(WebhookDeliveryState.Pending);
        again.Attempts.ShouldBe(0);
        ClaimedDelivery reclaimed = (await webhooks.ClaimDeliveriesAsync(Worker("d2"), 10, Ct)).Single();
        reclaimed.Delivery.Id.ShouldBe(claimed.Delivery.Id);
        reclaimed.Payload.ShouldBe(claimed.Payload);
        reclaimed.RetryFrom.ShouldBe(Clock.GetUtcNow());
        (await webhooks.ListDeliveriesAsync("bob", null, null, 10, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RotateSecretAsync_PreviousSecretSignsUntilItsGraceEnds()
    {
        IJobStore store = NewStore();
        IWebhookStore webhooks = Webhooks(store);
        (await webhooks.RotateSecretAsync("alice", "whsec_new", Clock.GetUtcNow().AddHours(1), Ct)).ShouldBeNull();
        await webhooks.SetEndpointAsync("alice", "http://127.0.0.1:9/owner", "whsec_old", Ct);
        WebhookEndpoint rotated = (await webhooks.RotateSecretAsync("alice", "whsec_new", Clock.GetUtcNow().AddHours(1), Ct))!;
        (await webhooks.SetEndpointAsync("alice", "http://127.0.0.1:9/moved", "whsec_unused", Ct)).Secret.ShouldBe("whsec_new");
        await CreateAsync(store, StoreRecords.Queued());
        await CreateAsync(store, StoreRecords.Queued());

        ClaimedDelivery during = (await webhooks.ClaimDeliveriesAsync(Worker("d1"), 1, Ct)).Single();
        Clock.Advance(TimeSpan.FromHours(1));
        ClaimedDelivery after = (await webhooks.ClaimDeliveriesAsync(Worker("d1"), 1, Ct)).Single();

        rotated.PreviousSecret.ShouldBe("whsec_old");
        during.Secrets.ShouldBe(["whsec_new", "whsec_old"]);
        during.Target.ShouldBe("http://127.0.0.1:9/moved");
        after.Secrets.ShouldBe(["whsec_new"]);
        (await webhooks.DeleteEndpointAsync("alice", Ct)).ShouldBeTrue();
        (await webhooks.GetEndpointAsync("alice", Ct)).ShouldBeNull();
        (await webhooks.DeleteEndpointAsync("alice", Ct)).ShouldBeFalse();
    }
}
