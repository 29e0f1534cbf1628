using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Providers.WaveSpeed;

public sealed class WaveSpeedClientSubmitTests
{
    private const string Model = "wavespeed-ai/flashvsr";

    private static JsonObject Input() => new() { ["video"] = "https://media/v.mp4", ["target_resolution"] = "1080p" };

    [Fact(Timeout = 60_000)]
    public async Task SubmitAsync_Accepted_PostsInputsAtTopLevelWithSyncOffAndWebhook()
    {
        JsonObject? body = null;
        string? method = null, path = null, auth = null, clientName = null, webhook = null;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            method = context.Request.Method;
            path = context.Request.Path.Value;
            auth = context.Request.Headers.Authorization;
            clientName = context.Request.Headers["X-Client-Name"];
            webhook = context.Request.Query["webhook"];
            body = await Envelopes.ReadBodyAsync(context);
            await Envelopes.WriteAsync(context, Envelopes.Ok(Envelopes.Task("p1", "created")));
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        ProviderTask snapshot = await test.Client.SubmitAsync(Model, Input(), new Uri("http://127.0.0.1:9/cb?job=42&t=a b"), TestContext.Current.CancellationToken);

        snapshot.Id.ShouldBe("p1");
        snapshot.Status.ShouldBe(ProviderTaskStatus.Created);
        method.ShouldBe("POST");
        path.ShouldBe("/api/v3/wavespeed-ai/flashvsr");
        auth.ShouldBe($"Bearer {WaveSpeedTestClient.ApiKey}");
        clientName.ShouldBe("videostudio");
        webhook.ShouldBe("http://127.0.0.1:9/cb?job=42&t=a%20b");
        body!["video"]!.GetValue<string>().ShouldBe("https://media/v.mp4");
        body["enable_sync_mode"]!.GetValue<bool>().ShouldBeFalse();
        body.ContainsKey("input").ShouldBeFalse();
        test.Logs.AllText.ShouldContain("/api/v3/wavespeed-ai/flashvsr"); // HttpClient logging is on, yet the query is redacted:
        test.Logs.AllText.ShouldNotContain("job");
    }

    [Theory(Timeout = 60_000)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task SubmitAsync_ServerError_SentOnceOutcomeUnknown(int status)
    {
        // The POST arrived; a server error after that does not say whether the task was created first.
        await using var server = await LoopbackServer.StartAsync(context => Envelopes.WriteAsync(context, Envelopes.Error(status, "boom"), status));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        var error = await Should.ThrowAsync<SubmissionOutcomeUnknownException>(() => test.Client.SubmitAsync(Model, Input(), null, TestContext.Current.CancellationToken));

        error.Message.ShouldContain($"HTTP {status}");
        server.RequestCount.ShouldBe(1);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(401, ProviderErrorKind.Authentication)]
    [InlineData(403, ProviderErrorKind.Authentication)]
    [InlineData(429, ProviderErrorKind.RateLimited)]
    public async Task SubmitAsync_RefusedAtTheDoor_SentOnceAndProvesNothingCreated(int status, ProviderErrorKind kind)
    {
        await using var server = await LoopbackServer.StartAsync(context => Envelopes.WriteAsync(context, Envelopes.Error(status, "no"), status));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        var error = await Should.ThrowAsync<ProviderException>(() => test.Client.SubmitAsync(Model, Input(), null, TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(kind);
        error.NothingCreated.ShouldBeTrue();
        server.RequestCount.ShouldBe(1);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(400)]
    [InlineData(422)]
    public async Task SubmitAsync_InputRejected_DoesNotClaimNothingCreatedForRetry(int status)
    {
        await using var server = await LoopbackServer.StartAsync(context => Envelopes.WriteAsync(context, Envelopes.Error(status, "bad"), status));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        var error = await Should.ThrowAsync<ProviderException>(() => test.Client.SubmitAsync(Model, Input(), null, TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(ProviderErrorKind.InvalidRequest);
        error.NothingCreated.ShouldBeFalse(); // sending the same input again would be refused again
    }

    [Fact(Timeout = 60_000)]
    public async Task SubmitAsync_RateLimited_SentOnceAndTyped()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.Headers.RetryAfter = "1";
            return Envelopes.WriteAsync(context, Envelopes.Error(429, "too many"), 429);
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        var error = await Should.ThrowAsync<ProviderException>(() => test.Client.SubmitAsync(Model, Input(), null, TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(ProviderErrorKind.RateLimited);
        server.RequestCount.ShouldBe(1);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task SubmitAsync_GatewayError_SentOnceOutcomeUnknown(int status)
    {
        await using var server = await LoopbackServer.StartAsync(context => Envelopes.WriteAsync(context, new JsonObject(), status));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        var error = await Should.ThrowAsync<SubmissionOutcomeUnknownException>(() => test.Client.SubmitAsync(Model, Input(), null, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("paid task may exist");
        server.RequestCount.ShouldBe(1);
    }

    [Fact(Timeout = 60_000)]
    public async Task SubmitAsync_NoAnswerWithinTimeout_SentOnceOutcomeUnknown()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        });
        // Long enough that a loaded CI machine still delivers the request before the client gives up on the answer.
        using var test = WaveSpeedTestClient.Create(server.BaseUrl, o => o.SubmitTimeout = TimeSpan.FromSeconds(2));

        var error = await Should.ThrowAsync<SubmissionOutcomeUnknownException>(() => test.Client.SubmitAsync(Model, Input(), null, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("reconciled");
        server.RequestCount.ShouldBe(1);
    }

    [Fact(Timeout = 60_000)]
    public async Task SubmitAsync_ConnectionDroppedAfterRequest_SentOnceOutcomeUnknown()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await Envelopes.ReadBodyAsync(context);
            context.Abort();
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        await Should.ThrowAsync<SubmissionOutcomeUnknownException>(() => test.Client.SubmitAsync(Model, Input(), null, TestContext.Current.CancellationToken));

        server.RequestCount.ShouldBe(1);
    }

    [Fact(Timeout = 60_000)]
    public async Task SubmitAsync_AcceptedWithoutId_OutcomeUnknown()
    {
        await using var server = await LoopbackServer.StartAsync(context => Envelopes.WriteAsync(context, Envelopes.Ok(new JsonObject { ["status"] = "created" })));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        await Should.ThrowAsync<SubmissionOutcomeUnknownException>(() => test.Client.SubmitAsync(Model, Input(), null, TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 60_000)]
    public async Task SubmitAsync_ConnectionRefused_ResentBoundedThenTyped()
    {
        using var test = WaveSpeedTestClient.Create(new Uri($"http://127.0.0.1:{LoopbackServer.ClosedPort()}/"));

        var error = await Should.ThrowAsync<ProviderException>(() => test.Client.SubmitAsync(Model, Input(), null, TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(ProviderErrorKind.ProviderFailure);
        error.Message.ShouldContain("safe to submit again");
        error.NothingCreated.ShouldBeTrue();
        error.InnerException.ShouldBeOfType<HttpRequestException>();
        test.Logs.Lines.Count(l => l.Contains("re-sending", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact(Timeout = 60_000)]
    public async Task SubmitAsync_RefusedThenServerUp_ResentOnceAndAccepted()
    {
        int port = LoopbackServer.ClosedPort();
        using var test = WaveSpeedTestClient.Create(new Uri($"http://127.0.0.1:{port}/"), o => o.SubmitConnectRetryDelay = TimeSpan.FromSeconds(1));
        Task<ProviderTask> submit = test.Client.SubmitAsync(Model, Input(), null, TestContext.Current.CancellationToken);
        while (!test.Logs.Lines.Any(l => l.Contains("re-sending", StringComparison.Ordinal)))
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await using var server = await LoopbackServer.StartAsync(context => Envelopes.WriteAsync(context, Envelopes.Ok(Envelopes.Task("p2", "created"))), port);

        (await submit).Id.ShouldBe("p2");
        server.RequestCount.ShouldBe(1);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(200, 1200, ProviderErrorKind.Moderation)]
    [InlineData(200, 1401, ProviderErrorKind.InvalidRequest)]
    [InlineData(200, 1402, ProviderErrorKind.MediaUnreachable)]
    [InlineData(200, 5003, ProviderErrorKind.ProviderFailure)]
    [InlineData(400, 1400, ProviderErrorKind.InvalidRequest)]
    public async Task SubmitAsync_TaskErrorCode_TypedKind(int httpStatus, int code, ProviderErrorKind kind)
    {
        await using var server = await LoopbackServer.StartAsync(context => Envelopes.WriteAsync(context, Envelopes.Error(code, "task error"), httpStatus));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        var error = await Should.ThrowAsync<ProviderException>(() => test.Client.SubmitAsync(Model, Input(), null, TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(kind);
        error.ProviderCode.ShouldBe(code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        server.RequestCount.ShouldBe(1);
    }

    [Fact(Timeout = 60_000)]
    public async Task SubmitAsync_InvalidRequest_MessageSaysSchemaMayBeStale()
    {
        await using var server = await LoopbackServer.StartAsync(context => Envelopes.WriteAsync(context, Envelopes.Error(400, "duration must be <= 10"), 400));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        var error = await Should.ThrowAsync<ProviderException>(() => test.Client.SubmitAsync(Model, Input(), null, TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(ProviderErrorKind.InvalidRequest);
        error.Message.ShouldContain("schema");
        error.Message.ShouldContain("duration must be <= 10");
    }

    [Fact(Timeout = 60_000)]
    public async Task SubmitAsync_Unauthorized_AuthenticationNamingEnvVar()
    {
        await using var server = await LoopbackServer.StartAsync(context => Envelopes.WriteAsync(context, Envelopes.Error(401, "invalid authentication"), 401));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        var error = await Should.ThrowAsync<ProviderException>(() => test.Client.SubmitAsync(Model, Input(), null, TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(ProviderErrorKind.Authentication);
        error.Message.ShouldContain("WAVESPEED_API_KEY");
        error.Message.ShouldContain("top-up");
        error.ToString().ShouldNotContain(WaveSpeedTestClient.ApiKey);
    }

    [Fact(Timeout = 60_000)]
    public async Task SubmitAsync_NoApiKey_AuthenticationWithoutRequest()
    {
        await using var server = await LoopbackServer.StartAsync(context => Envelopes.WriteAsync(context, Envelopes.Ok(Envelopes.Task("p1", "created"))));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl, o => o.ApiKey = " ");

        var error = await Should.ThrowAsync<ProviderException>(() => test.Client.SubmitAsync(Model, Input(), null, TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(ProviderErrorKind.Authentication);
        server.RequestCount.ShouldBe(0);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(5004, "processing", "")]
    [InlineData(200, "processing", "Sync mode timed out after 90 seconds, use the id to poll")]
    public async Task SubmitAsync_SyncModeTimeout_ProcessingSnapshot(int envelopeCode, string status, string error)
    {
        JsonObject task = Envelopes.Task("p5", status);
        task["error"] = error;
        task["code"] = 5004;
        await using var server = await LoopbackServer.StartAsync(context =>
            Envelopes.WriteAsync(context, new JsonObject { ["code"] = envelopeCode, ["message"] = "timeout", ["data"] = task }));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        ProviderTask snapshot = await test.Client.SubmitAsync(Model, Input(), null, TestContext.Current.CancellationToken);

        snapshot.Id.ShouldBe("p5");
        snapshot.Status.ShouldBe(ProviderTaskStatus.Processing);
        snapshot.Error.ShouldBeNull();
        snapshot.ErrorCode.ShouldBeNull();
    }
}
