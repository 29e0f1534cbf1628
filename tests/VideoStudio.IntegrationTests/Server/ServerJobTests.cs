using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Server.Http;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>Whole jobs over HTTP: submit (idempotent), watch over SSE, download with Range, cancel.</summary>
public sealed class ServerJobTests
{
    private static readonly Uri Jobs = new("/v1/jobs", UriKind.Relative);

    private static HttpRequestMessage Submit(string? idempotencyKey, JsonObject? input = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Jobs) { Content = ServerHarness.Body(new { model = ServerHarness.Model, input = input ?? ServerHarness.T2V() }) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    /// <summary>Reads the SSE stream to its end and returns the data of each `job` event.</summary>
    internal static async Task<List<JsonNode>> ReadEventsAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var events = new List<JsonNode>();
        string? eventType = null;
        while (await reader.ReadLineAsync(cancellationToken) is string line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventType = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                eventType.ShouldBe("job");
                events.Add(JsonNode.Parse(line["data: ".Length..])!);
            }
        }

        return events;
    }

    [Fact]
    public async Task SubmitJob_NewJob_Returns202WithLocationAndQueuedRecord()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        HttpResponseMessage response = await h.Client().SendAsync(Submit(null), h.Token);
        JsonNode job = await h.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        string id = job["id"]!.GetValue<string>();
        response.Headers.Location!.ToString().ShouldBe($"/v1/jobs/{id}");
        job["owner"]!.GetValue<string>().ShouldBe("local");
        job["modelId"]!.GetValue<string>().ShouldBe(ServerHarness.Model);
    }

    [Fact]
    public async Task SubmitJob_SameIdempotencyKey_ReturnsTheSameJob()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        HttpClient client = h.Client();

        JsonNode first = await h.JsonAsync(await client.SendAsync(Submit("order-42"), h.Token));
        JsonNode second = await h.JsonAsync(await client.SendAsync(Submit("order-42"), h.Token));

        second["id"]!.GetValue<string>().ShouldBe(first["id"]!.GetValue<string>());
        h.Simulator.Stats.TotalSubmissions.ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public async Task SubmitJob_SameIdempotencyKeyDifferentInput_Returns409NamingTheKey()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        HttpClient client = h.Client();
        JsonObject other = ServerHarness.T2V();
        other["prompt"] = "a different boat";

        JsonNode first = await h.JsonAsync(await client.SendAsync(Submit("order-43"), h.Token));
        HttpResponseMessage reused = await client.SendAsync(Submit("order-43", other), h.Token);

        reused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        JsonNode problem = await h.JsonAsync(reused);
        problem["type"]!.GetValue<string>().ShouldBe(ProblemResults.TypePrefix + ErrorCodes.IdempotencyKeyReused);
        problem["detail"]!.GetValue<string>().ShouldContain("order-43");
        problem["detail"]!.GetValue<string>().ShouldContain(first["id"]!.GetValue<string>());
        (await h.JsonAsync(await client.SendAsync(Submit("order-43"), h.Token)))["id"]!.GetValue<string>().ShouldBe(first["id"]!.GetValue<string>(), "the same request still answers the first job");
    }

    [Fact]
    public async Task SubmitJob_OwnerAtQueuedLimit_Returns429WithRetryAfterAndStoresNothing()
    {
        // One submission a minute: the second job waits queued, so the owner's limit of one waiting job refuses the third.
        await using ServerHarness h = await ServerHarness.StartAsync(jobs: o =>
        {
            o.MaxConcurrentJobs = 1;
            o.SubmitsPerMinute = 1;
            o.Owners["local"] = new() { MaxQueuedJobs = 1 };
        });
        HttpClient client = h.Client();

        List<HttpResponseMessage> answers = [];
        for (int i = 0; i < 3; i++)
        {
            answers.Add(await client.SendAsync(Submit(null), h.Token));
        }

        HttpResponseMessage refused = answers.First(a => a.StatusCode != HttpStatusCode.Accepted);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        (await h.JsonAsync(refused))["type"]!.GetValue<string>().ShouldBe(ProblemResults.TypePrefix + ErrorCodes.TooManyQueuedJobs);
        (await h.JsonAsync(await client.GetAsync(Jobs, h.Token))).AsArray().Count.ShouldBe(answers.Count(a => a.StatusCode == HttpStatusCode.Accepted));
    }

    [Fact]
    public async Task SubmitJob_InvalidInput_Returns422Problem()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        HttpResponseMessage response = await h.Client().SendAsync(Submit(null, new JsonObject { ["duration"] = 7 }), h.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        JsonNode problem = await h.JsonAsync(response);
        problem["type"]!.GetValue<string>().ShouldBe(ProblemResults.TypePrefix + ErrorCodes.InvalidInput);
        problem["errors"]!.AsArray().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task SubmitJob_OverMaxCost_Returns402Problem()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        HttpResponseMessage response = await h.Client().PostAsync(Jobs, ServerHarness.Body(new { model = ServerHarness.Model, input = ServerHarness.T2V(), maxCostUsd = 0.001m }), h.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await h.JsonAsync(response))["type"]!.GetValue<string>().ShouldBe(ProblemResults.TypePrefix + ErrorCodes.OverBudget);
    }

    [Fact]
    public async Task WatchJob_RunsToCompletion_StreamEndsWithCompletedAndOutputServesRanges()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        HttpClient client = h.Client();
        string id = (await h.JsonAsync(await client.SendAsync(Submit(null), h.Token)))["id"]!.GetValue<string>();

        List<JsonNode> events = await ReadEventsAsync(client, $"/v1/jobs/{id}/events", h.Token);
        using var range = new HttpRequestMessage(HttpMethod.Get, new Uri($"/v1/jobs/{id}/output", UriKind.Relative));
        range.Headers.Range = new RangeHeaderValue(0, 99);
        HttpResponseMessage output = await client.SendAsync(range, h.Token);

        events.ShouldNotBeEmpty();
        events[^1]["kind"]!.GetValue<string>().ShouldBe("completed");
        events[^1]["jobId"]!.GetValue<string>().ShouldBe(id);
        output.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        output.Content.Headers.ContentType!.MediaType.ShouldBe("video/mp4");
        output.Content.Headers.ContentRange!.From.ShouldBe(0);
        (await output.Content.ReadAsByteArrayAsync(h.Token)).Length.ShouldBe(100);
        JsonNode job = await h.JsonAsync(await client.GetAsync(new Uri($"/v1/jobs/{id}", UriKind.Relative), h.Token));
        job["state"]!.GetValue<string>().ShouldBe("completed");
    }

    [Fact]
    public async Task ListJobs_StateFilter_ReturnsOnlyMatchingJobs()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        HttpClient client = h.Client();
        string id = (await h.JsonAsync(await client.SendAsync(Submit(null), h.Token)))["id"]!.GetValue<string>();
        await ReadEventsAsync(client, $"/v1/jobs/{id}/events", h.Token);

        JsonArray completed = (await h.JsonAsync(await client.GetAsync(new Uri("/v1/jobs?state=completed", UriKind.Relative), h.Token))).AsArray();
        JsonArray failed = (await h.JsonAsync(await client.GetAsync(new Uri("/v1/jobs?state=failed", UriKind.Relative), h.Token))).AsArray();

        completed.ShouldHaveSingleItem()!["id"]!.GetValue<string>().ShouldBe(id);
        failed.ShouldBeEmpty();
    }

    [Fact]
    public async Task CancelJob_RunningJob_ReturnsCancelledRecord()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(latency: TimeSpan.FromSeconds(20));
        HttpClient client = h.Client();
        string id = (await h.JsonAsync(await client.SendAsync(Submit(null), h.Token)))["id"]!.GetValue<string>();

        HttpResponseMessage response = await client.DeleteAsync(new Uri($"/v1/jobs/{id}", UriKind.Relative), h.Token);
        JsonNode job = await h.JsonAsync(response);
        HttpResponseMessage output = await client.GetAsync(new Uri($"/v1/jobs/{id}/output", UriKind.Relative), h.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        job["state"]!.GetValue<string>().ShouldBe("cancelled");
        job["error"]!["code"]!.GetValue<string>().ShouldBe(ErrorCodes.Cancelled);
        output.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await h.JsonAsync(output))["type"]!.GetValue<string>().ShouldBe(ProblemResults.TypePrefix + ErrorCodes.OutputNotDownloaded);
    }
}
