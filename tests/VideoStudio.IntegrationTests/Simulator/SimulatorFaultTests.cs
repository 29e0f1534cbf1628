using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VideoStudio.Simulator;

namespace VideoStudio.IntegrationTests.Simulator;

public sealed class SimulatorFaultTests
{
    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Result_HttpErrorFault_AnswersStatusOnceThenRecovers(int status)
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        string id = await sim.SubmitAsync();
        sim.Server.Faults.Add(FaultRule.HttpError(FaultTarget.ResultPoll, status, count: 1));

        (HttpResponseMessage faulted, JsonObject body) = await sim.GetJsonAsync($"api/v3/predictions/{id}/result");
        (HttpResponseMessage recovered, _) = await sim.GetJsonAsync($"api/v3/predictions/{id}/result");

        ((int)faulted.StatusCode).ShouldBe(status);
        body["code"]!.GetValue<int>().ShouldBe(status);
        recovered.StatusCode.ShouldBe(HttpStatusCode.OK);
        sim.Server.Stats.ResultGetsFor(id).ShouldBe(2);
    }

    [Fact]
    public async Task Submit_HttpErrorFault_Returns503AndCreatesNoTask()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => new() { ApiKey = o.ApiKey, Faults = new SimulatorFaults().Add(FaultRule.HttpError(FaultTarget.Submit, 503)) });

        (HttpResponseMessage response, _) = await sim.PostJsonAsync($"api/v3/{SimulatorHarness.Model}", SimulatorHarness.ValidInput());

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        sim.Server.Stats.TotalSubmissions.ShouldBe(0);
    }

    [Theory]
    [InlineData(FaultTarget.Submit)]
    [InlineData(FaultTarget.ResultPoll)]
    public async Task Request_RateLimitedFault_Returns429WithRetryAfter(FaultTarget target)
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        string id = await sim.SubmitAsync();
        sim.Server.Faults.Add(FaultRule.RateLimited(target, retryAfterSeconds: 7));

        HttpResponseMessage response = target == FaultTarget.Submit
            ? (await sim.PostJsonAsync($"api/v3/{SimulatorHarness.Model}", SimulatorHarness.ValidInput())).Response
            : (await sim.GetJsonAsync($"api/v3/predictions/{id}/result")).Response;

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(7));
        sim.Server.Stats.TotalSubmissions.ShouldBe(1);
    }

    [Fact]
    public async Task Submit_DropAfterAcceptFault_ConnectionFailsButExactlyOneTaskExists()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => new() { ApiKey = o.ApiKey, Faults = new SimulatorFaults().Add(FaultRule.DropAfterAccept()) });

        await Should.ThrowAsync<HttpRequestException>(() => sim.Api.PostAsJsonAsync($"api/v3/{SimulatorHarness.Model}", SimulatorHarness.ValidInput(), sim.Token));

        sim.Server.Stats.TotalSubmissions.ShouldBe(1);
        SubmittedInput submitted = sim.Server.Stats.Submissions.Single();
        submitted.Fingerprint.ShouldBe(SimulatorStats.Fingerprint(SimulatorHarness.Model, SimulatorHarness.ValidInput()));
        JsonArray history = (await sim.PostJsonAsync("api/v3/predictions", new JsonObject { ["page_size"] = 100 })).Body["data"]!["items"]!.AsArray();
        history.Single()!["id"]!.GetValue<string>().ShouldBe(submitted.PredictionId);
        sim.Server.BalanceUsd.ShouldBe(100m - 0.36m); // it was charged
    }

    [Fact]
    public async Task Submit_DropAfterAcceptOnReusedConnection_StillExactlyOneTaskPerPost()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        await sim.SubmitAsync(); // warms a pooled keep-alive connection
        sim.Server.Faults.Add(FaultRule.DropAfterAccept());

        await Should.ThrowAsync<HttpRequestException>(() => sim.Api.PostAsJsonAsync($"api/v3/{SimulatorHarness.Model}", SimulatorHarness.ValidInput(), sim.Token));

        sim.Server.Stats.TotalSubmissions.ShouldBe(2);
    }

    [Fact]
    public async Task Result_DelayFault_AnswersAfterDelay()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        string id = await sim.SubmitAsync();
        sim.Server.Faults.Add(FaultRule.Delay(FaultTarget.ResultPoll, 400));
        var watch = Stopwatch.StartNew();

        (HttpResponseMessage response, _) = await sim.GetJsonAsync($"api/v3/predictions/{id}/result");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(380));
    }

    [Theory]
    [InlineData(1200)]
    [InlineData(1403)]
    public async Task Submit_FailTaskFault_TaskFailsWithCode(int code)
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => new() { ApiKey = o.ApiKey, Faults = new SimulatorFaults().Add(FaultRule.FailTask(code)) });

        JsonObject done = await sim.PollUntilTerminalAsync(await sim.SubmitAsync());

        done["status"]!.GetValue<string>().ShouldBe("failed");
        done["code"]!.GetValue<int>().ShouldBe(code);
        done["error"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        done["outputs"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Result_EnvelopeErrorFault_Http200WithNon200Code()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        string id = await sim.SubmitAsync();
        sim.Server.Faults.Add(FaultRule.EnvelopeError(FaultTarget.ResultPoll, 5003));

        (HttpResponseMessage response, JsonObject body) = await sim.GetJsonAsync($"api/v3/predictions/{id}/result");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body["code"]!.GetValue<int>().ShouldBe(5003);
        body["data"]!["error"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Output_BreakDownloadFault_TransferStopsShortAndRangeResumeCompletesIt()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        string url = (await sim.PollUntilTerminalAsync(await sim.SubmitAsync()))["outputs"]![0]!.GetValue<string>();
        byte[] whole = await sim.Anonymous.GetByteArrayAsync(url, sim.Token);
        sim.Server.Faults.Add(FaultRule.BreakDownload(afterBytes: 20_000));

        var partial = new MemoryStream();
        using (HttpResponseMessage broken = await sim.Anonymous.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, sim.Token))
        {
            broken.Content.Headers.ContentLength.ShouldBe(whole.Length);
            await using Stream stream = await broken.Content.ReadAsStreamAsync(sim.Token);
            Exception? error = await Record.ExceptionAsync(() => stream.CopyToAsync(partial, sim.Token));
            sim.Server.Stats.OutputGets.ShouldBe(2);
            partial.Length.ShouldBe(20_000);
            error.ShouldNotBeNull();
        }

        partial.Length.ShouldBe(20_000); // every byte sent before the break reached the client, so it can resume
        using var resume = new HttpRequestMessage(HttpMethod.Get, url);
        resume.Headers.Range = new RangeHeaderValue(partial.Length, null);
        using HttpResponseMessage rest = await sim.Anonymous.SendAsync(resume, sim.Token);
        rest.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        byte[] tail = await rest.Content.ReadAsByteArrayAsync(sim.Token);
        partial.ToArray().Concat(tail).ToArray().ShouldBe(whole);
    }

    [Fact]
    public async Task Output_ExpireOutputFault_Returns410()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        string url = (await sim.PollUntilTerminalAsync(await sim.SubmitAsync()))["outputs"]![0]!.GetValue<string>();
        sim.Server.Faults.Add(FaultRule.ExpireOutput());

        (await sim.Anonymous.GetAsync(url, sim.Token)).StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await sim.Anonymous.GetAsync(url, sim.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ControlEndpoint_PostFaultJson_AppliesFaultAndStatsReportIt()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        string id = await sim.SubmitAsync();

        (HttpResponseMessage added, _) = await sim.PostJsonAsync("_simulator/faults",
            new JsonObject { ["target"] = "result-poll", ["kind"] = "http-error", ["statusCode"] = 502, ["count"] = 1 }, sim.Anonymous);
        (HttpResponseMessage faulted, _) = await sim.GetJsonAsync($"api/v3/predictions/{id}/result");
        JsonObject stats = (await sim.GetJsonAsync("_simulator/stats", sim.Anonymous)).Body;

        added.StatusCode.ShouldBe(HttpStatusCode.OK);
        faulted.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        stats["data"]!["total_submissions"]!.GetValue<int>().ShouldBe(1);
        stats["data"]!["result_gets"]!.GetValue<int>().ShouldBe(1);
        sim.Server.Faults.Active.ShouldBeEmpty();
    }

    [Fact]
    public void Faults_SameSeedAndProbability_FireOnSameRequests()
    {
        static bool[] Run()
        {
            var faults = new SimulatorFaults(seed: 42).Add(FaultRule.HttpError(FaultTarget.ResultPoll, 500, count: null) with { Probability = 0.5 });
            return Enumerable.Range(0, 20).Select(_ => faults.Take(FaultTarget.ResultPoll, null, FaultKind.HttpError) is not null).ToArray();
        }

        bool[] first = Run();

        Run().ShouldBe(first);
        first.ShouldContain(true);
        first.ShouldContain(false);
    }
}
