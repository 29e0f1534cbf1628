using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.IntegrationTests.Simulator;
using static VideoStudio.Engine.Presentation.ApiViews;

namespace VideoStudio.IntegrationTests.Jobs;

/// <summary>
/// The simulator delivers signed webhooks to a receiver on 127.0.0.1, which hands them to the engine. Polling is
/// slowed to real-model timing, so only the webhook can complete the job in time.
/// </summary>
public sealed class JobWebhookTests
{
    private const string Model = "lightricks/ltx-2-fast/text-to-video";

    private static async Task<(JobHarness Harness, WebhookReceiver Receiver)> StartAsync()
    {
        using var boot = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        WebhookReceiver receiver = await WebhookReceiver.StartAsync(boot.Token);
        JobHarness? harness = null;
        harness = await JobHarness.StartAsync(latency: TimeSpan.FromMilliseconds(500), configure: o =>
        {
            o.ProcessingTimeScale = 1.0; // first poll after ~22 s: far beyond this test
            o.PublicWebhookUrl = new Uri(receiver.Url);
            o.WebhookSecret = harness!.Server.WebhookSecret;
        });
        return (harness, receiver);
    }

    private static Dictionary<string, string> Headers(WebhookReceiver.Delivery d, string? signature = null) => new()
    {
        ["webhook-id"] = d.Id,
        ["webhook-timestamp"] = d.Timestamp,
        ["webhook-signature"] = signature ?? d.Signature,
    };

    [Fact]
    public async Task HandleWebhook_SignedDelivery_CompletesJobConfirmedByOneResultRead()
    {
        (JobHarness h, WebhookReceiver receiver) = await StartAsync();
        await using (h)
        await using (receiver)
        {
            JobView job = await h.SubmitAsync(Model, JobHarness.T2V());
            WebhookReceiver.Delivery delivery = await receiver.NextAsync(h.Token);

            WebhookOutcome outcome = await h.Jobs.HandleWebhookAsync(Headers(delivery), delivery.RawBody, h.Token);
            JobView done = await h.WaitAsync(job);

            outcome.ShouldBe(WebhookOutcome.Accepted);
            done.State.ShouldBe(JobState.Completed, done.Error?.Message);
            // Not from the body alone: the outcome is confirmed with one read of the provider's result, and nothing is polled.
            h.Server.Stats.ResultGetsFor(done.PredictionId!).ShouldBe(1);
        }
    }

    [Fact]
    public async Task HandleWebhook_UrlNamesTheJob_DeliveredWithItsIdAndAnotherJobsNameRefused()
    {
        (JobHarness h, WebhookReceiver receiver) = await StartAsync();
        await using (h)
        await using (receiver)
        {
            JobView job = await h.SubmitAsync(Model, JobHarness.T2V());
            WebhookReceiver.Delivery delivery = await receiver.NextAsync(h.Token);

            WebhookOutcome mismatch = await h.Jobs.HandleWebhookAsync(Headers(delivery), delivery.RawBody, "job-of-someone-else", h.Token);
            JobView untouched = (await h.Jobs.GetAsync(job.Id, job.Owner, h.Token))!;

            delivery.Query.ShouldBe("?job=" + job.Id, "the submission registered the webhook URL with its job's id");
            System.Text.Json.Nodes.JsonNode.Parse(delivery.RawBody)!["webhook"]!.GetValue<string>().ShouldEndWith("?job=" + job.Id, Case.Sensitive, "the simulator echoes the URL the task was registered with");
            mismatch.ShouldBe(WebhookOutcome.JobMismatch);
            untouched.State.ShouldBe(JobState.Processing, "a delivery naming another job wakes nothing");
            h.Server.Stats.ResultGetsFor(untouched.PredictionId!).ShouldBe(0);
        }
    }

    [Fact]
    public async Task HandleWebhook_BadSignature_RejectedAndJobUntouched()
    {
        (JobHarness h, WebhookReceiver receiver) = await StartAsync();
        await using (h)
        await using (receiver)
        {
            JobView job = await h.SubmitAsync(Model, JobHarness.T2V());
            WebhookReceiver.Delivery delivery = await receiver.NextAsync(h.Token);
            string forged = "v3," + new string('0', 64);

            WebhookOutcome outcome = await h.Jobs.HandleWebhookAsync(Headers(delivery, forged), delivery.RawBody, h.Token);
            WebhookOutcome tampered = await h.Jobs.HandleWebhookAsync(Headers(delivery), delivery.RawBody.Replace("completed", "failed", StringComparison.Ordinal), h.Token);

            outcome.ShouldBe(WebhookOutcome.Rejected);
            tampered.ShouldBe(WebhookOutcome.Rejected);
            (await h.Jobs.GetAsync(job.Id, job.Owner, h.Token))!.State.ShouldBe(JobState.Processing);
        }
    }

    [Fact]
    public async Task HandleWebhook_ReplayedDelivery_DuplicateAndNoSecondResultRead()
    {
        (JobHarness h, WebhookReceiver receiver) = await StartAsync();
        await using (h)
        await using (receiver)
        {
            JobView job = await h.SubmitAsync(Model, JobHarness.T2V());
            WebhookReceiver.Delivery delivery = await receiver.NextAsync(h.Token);

            WebhookOutcome first = await h.Jobs.HandleWebhookAsync(Headers(delivery), delivery.RawBody, h.Token);
            JobView done = await h.WaitAsync(job);
            WebhookOutcome[] replays = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => h.Jobs.HandleWebhookAsync(Headers(delivery), delivery.RawBody, h.Token)));

            first.ShouldBe(WebhookOutcome.Accepted);
            replays.ShouldAllBe(o => o == WebhookOutcome.Duplicate);
            done.State.ShouldBe(JobState.Completed, done.Error?.Message);
            h.Server.Stats.ResultGetsFor(done.PredictionId!).ShouldBe(1); // a replay triggers no read of the provider
        }
    }
}
