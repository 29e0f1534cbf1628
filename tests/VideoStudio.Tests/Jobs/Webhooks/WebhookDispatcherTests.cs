using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Store;
using VideoStudio.Engine.Jobs.Webhooks;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Jobs.Webhooks;

/// <summary>The dispatcher on a real SQLite store with a fake clock and a hand-written receiver (no network).</summary>
public sealed class WebhookDispatcherTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly FakeTimeProvider clock = new(StoreRecords.Now);
    private readonly Receiver receiver = new();
    private readonly SqlJobStore store;
    private readonly WebhookDispatcher dispatcher;
    private readonly WebhookOptions options = new() { FirstRetryDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromHours(1), RetryFor = TimeSpan.FromDays(1), RotationGrace = TimeSpan.FromHours(2) };

    public WebhookDispatcherTests()
    {
        store = SqlJobStore.Sqlite(dir.File("videostudio.db"), clock);
        IOptions<WebhookOptions> o = Options.Create(options);
        dispatcher = new WebhookDispatcher(store.Webhooks, new WebhookSender(new Clients(receiver), clock, o), new WebhookRetryPolicy(o, new Random(1)),
            new JobWorker(), clock, o, NullLogger<WebhookDispatcher>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> QueuedJobAsync()
    {
        JobRecord job = StoreRecords.Queued() with { WebhookTarget = "http://127.0.0.1:9/hook" };
        await store.Webhooks.SetEndpointAsync("alice", null, WebhookSecrets.New(), Ct);
        return (await store.CreateAsync(job, new LeaseTerms("w", TimeSpan.FromMinutes(5)), StoreRecords.Caps(), Ct)).Job.Id;
    }

    [Fact]
    public async Task DeliverDueAsync_ReceiverAnswers2xx_DeliveredOnceWithStandardHeaders()
    {
        string job = await QueuedJobAsync();

        (await dispatcher.DeliverDueAsync(Ct)).ShouldBe(1);
        (await dispatcher.DeliverDueAsync(Ct)).ShouldBe(0);

        HttpRequestMessage request = receiver.Requests.Single();
        request.Headers.GetValues("webhook-id").Single().ShouldStartWith("msg_");
        request.Headers.GetValues("webhook-timestamp").Single().ShouldBe(StoreRecords.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.GetValues("webhook-signature").Single().ShouldStartWith("v1,");
        WebhookDelivery d = (await store.Webhooks.ListDeliveriesAsync("alice", job, null, 10, Ct)).Single();
        d.State.ShouldBe(WebhookDeliveryState.Delivered);
        d.LastStatus.ShouldBe(200);
    }

    [Fact]
    public async Task DeliverDueAsync_ReceiverFailsAllDay_RetriesWithGrowingGapsThenDeadLetters()
    {
        string job = await QueuedJobAsync();
        receiver.Status = HttpStatusCode.InternalServerError;
        var gaps = new List<TimeSpan>();
        DateTimeOffset last = clock.GetUtcNow();
        for (int round = 0; round < 100; round++)
        {
            WebhookDelivery d = (await store.Webhooks.ListDeliveriesAsync("alice", job, null, 10, Ct)).Single();
            if (d.State == WebhookDeliveryState.Dead)
            {
                break;
            }

            clock.SetUtcNow(d.NextAttemptAt!.Value);
            gaps.Add(clock.GetUtcNow() - last);
            last = clock.GetUtcNow();
            (await dispatcher.DeliverDueAsync(Ct)).ShouldBe(1);
        }

        WebhookDelivery dead = (await store.Webhooks.ListDeliveriesAsync("alice", job, null, 10, Ct)).Single();
        dead.State.ShouldBe(WebhookDeliveryState.Dead);
        dead.LastStatus.ShouldBe(500);
        dead.LastError!.ShouldContain("500");
        (clock.GetUtcNow() - StoreRecords.Now).ShouldBeLessThanOrEqualTo(TimeSpan.FromDays(1));
        (clock.GetUtcNow() - StoreRecords.Now).ShouldBeGreaterThan(TimeSpan.FromHours(22));
        gaps.Skip(2).Max().ShouldBeLessThanOrEqualTo(TimeSpan.FromHours(1));
        gaps[3].ShouldBeGreaterThan(gaps[1]);
        receiver.Requests.Select(r => r.Headers.GetValues("webhook-id").Single()).Distinct().Count().ShouldBe(1);
        receiver.Requests.Count.ShouldBe(dead.Attempts);

        receiver.Status = HttpStatusCode.NoContent;
        (await store.Webhooks.RedeliverAsync("alice", dead.Id, Ct))!.State.ShouldBe(WebhookDeliveryState.Pending);
        (await dispatcher.DeliverDueAsync(Ct)).ShouldBe(1);
        (await store.Webhooks.ListDeliveriesAsync("alice", job, null, 10, Ct)).Single().State.ShouldBe(WebhookDeliveryState.Delivered);
    }

    [Fact]
    public async Task DeliverDueAsync_AfterRotation_SignsWithBothSecretsUntilTheGraceEnds()
    {
        await QueuedJobAsync();
        await dispatcher.DeliverDueAsync(Ct);
        var settings = new WebhookSettings(store.Webhooks, null!, clock, Options.Create(options));
        await settings.RotateSecretAsync("alice", Ct);
        await QueuedJobAsync();
        await dispatcher.DeliverDueAsync(Ct);
        clock.Advance(TimeSpan.FromHours(2));
        await QueuedJobAsync();
        await dispatcher.DeliverDueAsync(Ct);

        receiver.Requests.Select(r => r.Headers.GetValues("webhook-signature").Single().Split(' ').Length).ShouldBe([1, 2, 1]);
    }

    [Fact]
    public async Task DeliverDueAsync_OwnerDeletedTheSecret_DeadAtOnceWithTheReason()
    {
        string job = await QueuedJobAsync();
        await store.Webhooks.DeleteEndpointAsync("alice", Ct);

        await dispatcher.DeliverDueAsync(Ct);

        WebhookDelivery d = (await store.Webhooks.ListDeliveriesAsync("alice", job, null, 10, Ct)).Single();
        d.State.ShouldBe(WebhookDeliveryState.Dead);
        d.LastError!.ShouldContain("secret");
        receiver.Requests.ShouldBeEmpty();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dir.Dispose();
    }

    private sealed class Receiver : HttpMessageHandler
    {
        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(request);
            }

            return Task.FromResult(new HttpResponseMessage(Status));
        }
    }

    private sealed class Clients(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
