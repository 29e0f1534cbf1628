using System.Diagnostics;
using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Providers.WaveSpeed;

public sealed class WaveSpeedClientReadTests
{

    [Fact(Timeout = 60_000)]
    public async Task GetResultAsync_Completed_SnapshotWithOutputs()
    {
        string? path = null;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            path = context.Request.Path.Value;
            return Envelopes.WriteAsync(context, Envelopes.Ok(Envelopes.Task("p1", "completed", "https://cdn/o.mp4?sig=1")));
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        ProviderTask snapshot = await test.Client.GetResultAsync("p1", TestContext.Current.CancellationToken);

        path.ShouldBe("/api/v3/predictions/p1/result");
        snapshot.Status.ShouldBe(ProviderTaskStatus.Completed);
        snapshot.RawStatus.ShouldBe("completed");
        snapshot.Outputs.ShouldBe(["https://cdn/o.mp4?sig=1"]);
        snapshot.Model.ShouldBe("wavespeed-ai/flashvsr");
        snapshot.CreatedAt.ShouldBe(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResultAsync_503Twice_RetriedThenSucceeds()
    {
        int calls = 0;
        await using var server = await LoopbackServer.StartAsync(context => Interlocked.Increment(ref calls) <= 2
            ? Envelopes.WriteAsync(context, Envelopes.Error(503, "busy"), 503)
            : Envelopes.WriteAsync(context, Envelopes.Ok(Envelopes.Task("p1", "processing"))));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        (await test.Client.GetResultAsync("p1", TestContext.Current.CancellationToken)).Status.ShouldBe(ProviderTaskStatus.Processing);

        server.RequestCount.ShouldBe(3);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResultAsync_429WithRetryAfter_WaitsForIt()
    {
        int calls = 0;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                return Envelopes.WriteAsync(context, Envelopes.Error(429, "slow down"), 429);
            }

            return Envelopes.WriteAsync(context, Envelopes.Ok(Envelopes.Task("p1", "processing")));
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);
        var clock = Stopwatch.StartNew();

        await test.Client.GetResultAsync("p1", TestContext.Current.CancellationToken);

        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900));
        server.RequestCount.ShouldBe(2);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResultAsync_HugeRetryAfter_CappedByOption()
    {
        int calls = 0;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = "3600";
                return Envelopes.WriteAsync(context, Envelopes.Error(429, "slow down"), 429);
            }

            return Envelopes.WriteAsync(context, Envelopes.Ok(Envelopes.Task("p1", "processing")));
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl, o => o.MaxRetryAfter = TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await test.Client.GetResultAsync("p1", TestContext.Current.CancellationToken);

        clock.Elapsed.ShouldBeInRange(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void RetryAfter_DateInFuture_CappedAndNeverNegative()
    {
        var now = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(50));
        using var later = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        later.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.GetUtcNow().AddMinutes(10));
        using var past = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        past.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.GetUtcNow().AddMinutes(-10));
        using var none = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);

        WaveSpeedResilience.RetryAfter(later, TimeSpan.FromSeconds(30), now).ShouldBe(TimeSpan.FromSeconds(30));
        WaveSpeedResilience.RetryAfter(past, TimeSpan.FromSeconds(30), now).ShouldBe(TimeSpan.Zero);
        WaveSpeedResilience.RetryAfter(none, TimeSpan.FromSeconds(30), now).ShouldBeNull();
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResultAsync_429Persistent_RateLimitedAfterBoundedRetries()
    {
        await using var server = await LoopbackServer.StartAsync(context => Envelopes.WriteAsync(context, Envelopes.Error(429, "slow down"), 429));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl, o =>
        {
            o.PollMaxRetryAttempts = 3;
            o.CircuitBreakerMinimumThroughput = 100;
        });

        var error = await Should.ThrowAsync<ProviderException>(() => test.Client.GetResultAsync("p1", TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(ProviderErrorKind.RateLimited);
        error.HttpStatus.ShouldBe(429);
        server.RequestCount.ShouldBe(4);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResultAsync_NotFound_NotRetried()
    {
        await using var server = await LoopbackServer.StartAsync(context => Envelopes.WriteAsync(context, Envelopes.Error(404, "not found"), 404));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        var error = await Should.ThrowAsync<ProviderException>(() => test.Client.GetResultAsync("p404", TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(ProviderErrorKind.NotFound);
        server.RequestCount.ShouldBe(1);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResultAsync_SlowAttempt_TimedOutAndRetried()
    {
        int calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            await Envelopes.WriteAsync(context, Envelopes.Ok(Envelopes.Task("p1", "processing")));
        });
        // Long enough that a loaded CI machine still delivers the first attempt before it times out.
        using var test = WaveSpeedTestClient.Create(server.BaseUrl, o => o.PollAttemptTimeout = TimeSpan.FromSeconds(1.5));

        (await test.Client.GetResultAsync("p1", TestContext.Current.CancellationToken)).Id.ShouldBe("p1");
        server.RequestCount.ShouldBe(2);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResultAsync_RepeatedFailures_CircuitOpensAndStopsCalling()
    {
        await using var server = await LoopbackServer.StartAsync(context => Envelopes.WriteAsync(context, Envelopes.Error(500, "down"), 500));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl, o =>
        {
            o.PollMaxRetryAttempts = 0;
            o.CircuitBreakerMinimumThroughput = 3;
        });
        for (int i = 0; i < 3; i++)
        {
            (await Should.ThrowAsync<ProviderException>(() => test.Client.GetResultAsync("p1", TestContext.Current.CancellationToken))).HttpStatus.ShouldBe(500);
        }

        var open = await Should.ThrowAsync<ProviderException>(() => test.Client.GetResultAsync("p1", TestContext.Current.CancellationToken));

        open.Message.ShouldContain("circuit open");
        server.RequestCount.ShouldBe(3);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(1200, ProviderErrorKind.Moderation)]
    [InlineData(1401, ProviderErrorKind.InvalidRequest)]
    [InlineData(1402, ProviderErrorKind.MediaUnreachable)]
    [InlineData(5003, ProviderErrorKind.ProviderFailure)]
    [InlineData(401, ProviderErrorKind.Authentication)]
    public async Task GetResultAsync_ErrorEnvelopeUnderHttp200_Typed(int code, ProviderErrorKind kind)
    {
        await using var server = await LoopbackServer.StartAsync(context => Envelopes.WriteAsync(context, Envelopes.Error(code, "bad")));
        // A slow answer on a loaded machine is retried by design; the attempt limit is set past any load here, so a
        // second request can only mean the error envelope itself was retried.
        using var test = WaveSpeedTestClient.Create(server.BaseUrl, o => (o.PollAttemptTimeout, o.PollTotalTimeout) = (TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(50)));

        var error = await Should.ThrowAsync<ProviderException>(() => test.Client.GetResultAsync("p1", TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(kind);
        error.HttpStatus.ShouldBeNull();
        server.RequestCount.ShouldBe(1);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResultAsync_FailedTaskWithDataCode_SnapshotCarriesCode()
    {
        JsonObject task = Envelopes.Task("p1", "failed");
        task["error"] = "could not download image";
        task["code"] = 1402;
        await using var server = await LoopbackServer.StartAsync(context => Envelopes.WriteAsync(context, Envelopes.Ok(task)));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        ProviderTask snapshot = await test.Client.GetResultAsync("p1", TestContext.Current.CancellationToken);

        snapshot.Status.ShouldBe(ProviderTaskStatus.Failed);
        snapshot.Error.ShouldBe("could not download image");
        snapshot.ErrorCode.ShouldBe("1402");
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResultAsync_UnknownStatus_UnknownAndLogged()
    {
        await using var server = await LoopbackServer.StartAsync(context => Envelopes.WriteAsync(context, Envelopes.Ok(Envelopes.Task("p1", "succeeded"))));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        ProviderTask snapshot = await test.Client.GetResultAsync("p1", TestContext.Current.CancellationToken);

        snapshot.Status.ShouldBe(ProviderTaskStatus.Unknown);
        snapshot.RawStatus.ShouldBe("succeeded");
        test.Logs.Lines.ShouldContain(l => l.Contains("unknown status 'succeeded'", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task QuoteAsync_503ThenPrice_RetriedPostWithModelAndInputs()
    {
        JsonObject? body = null;
        int calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            body = await Envelopes.ReadBodyAsync(context);
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Envelopes.WriteAsync(context, Envelopes.Error(503, "busy"), 503);
                return;
            }

            context.Request.Path.Value.ShouldBe("/api/v3/model/pricing");
            await Envelopes.WriteAsync(context, Envelopes.Ok(new JsonObject { ["model_id"] = "m/x", ["unit_price"] = 0.3m, ["currency"] = "USD" }));
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        decimal? price = await test.Quotes.QuoteAsync("m/x", new JsonObject { ["duration"] = 10 }, TestContext.Current.CancellationToken);

        price.ShouldBe(0.3m);
        server.RequestCount.ShouldBe(2);
        body!["model_id"]!.GetValue<string>().ShouldBe("m/x");
        body["inputs"]!["duration"]!.GetValue<int>().ShouldBe(10);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetModelsAsync_Catalogue_SchemaPriceAndFormula()
    {
        var model = new JsonObject
        {
            ["model_id"] = "wavespeed-ai/infinitetalk",
            ["base_price"] = 0.15,
            ["formula"] = "{\"total_price\": base_price * duration / 5}",
            ["api_schema"] = new JsonObject
            {
                ["api_schemas"] = new JsonArray(
                    new JsonObject { ["type"] = "model_result", ["request_schema"] = new JsonObject() },
                    new JsonObject { ["type"] = "model_run", ["request_schema"] = new JsonObject { ["required"] = new JsonArray("audio") } }),
            },
        };
        await using var server = await LoopbackServer.StartAsync(context => Envelopes.WriteAsync(context, Envelopes.Ok(new JsonArray(model, new JsonObject { ["name"] = "no id" }))));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        IReadOnlyList<LiveModel> models = await test.Catalog.GetModelsAsync(TestContext.Current.CancellationToken);

        LiveModel only = models.ShouldHaveSingleItem();
        only.ModelId.ShouldBe("wavespeed-ai/infinitetalk");
        only.BasePrice.ShouldBe(0.15m);
        only.Formula.ShouldBe("{\"total_price\": base_price * duration / 5}");
        only.RequestSchema!["required"]![0]!.GetValue<string>().ShouldBe("audio");
    }

    [Fact(Timeout = 60_000)]
    public async Task ListPredictionsAsync_TwoPages_StopsAtShortPage()
    {
        var pages = new List<JsonObject>();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            JsonObject body = await Envelopes.ReadBodyAsync(context);
            lock (pages)
            {
                pages.Add(body);
            }

            int page = body["page"]!.GetValue<int>();
            JsonArray items = page == 1 ? new JsonArray(Envelopes.Task("a", "completed"), Envelopes.Task("b", "failed")) : new JsonArray(Envelopes.Task("c", "processing"));
            await Envelopes.WriteAsync(context, Envelopes.Ok(new JsonObject { ["items"] = items, ["page"] = page }));
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);
        var after = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.FromHours(2));

        IReadOnlyList<ProviderTask> found = await test.Client.ListTasksAsync(new ProviderTaskQuery("m/x", after, null, PageSize: 2), TestContext.Current.CancellationToken);

        found.Select(s => s.Id).ShouldBe(["a", "b", "c"]);
        // Pages 1 and 2 only, never a third (the short page ends it). A page may be asked twice: reads are retried
        // when an answer is slow, which a loaded machine makes happen.
        pages.Select(p => p["page"]!.GetValue<int>()).Distinct().Order().ShouldBe([1, 2]);
        pages[0]["page_size"]!.GetValue<int>().ShouldBe(2);
        pages[0]["model"]!.GetValue<string>().ShouldBe("m/x");
        pages[0]["created_after"]!.GetValue<string>().ShouldBe("2025-01-01T10:00:00Z");
        pages[0].ContainsKey("created_before").ShouldBeFalse();
    }
}
