using System.Net;
using VideoStudio.IntegrationTests.Server;

namespace VideoStudio.IntegrationTests.Telemetry;

/// <summary>A running server scraped over HTTP on 127.0.0.1 the way Prometheus does.</summary>
[Collection(nameof(TelemetryListeners))]
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_AfterAJob_PrometheusTextWithJobProviderAndPluginSeries()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        using HttpClient client = h.Client();
        HttpResponseMessage submitted = await client.PostAsync(new Uri("/v1/jobs", UriKind.Relative), ServerHarness.Body(new { model = ServerHarness.Model, input = ServerHarness.T2V() }), h.Token);
        string id = (await h.JsonAsync(submitted))["id"]!.GetValue<string>();
        await ServerJobTests.ReadEventsAsync(client, $"/v1/jobs/{id}/events", h.Token); // to the end: the job settled

        using HttpResponseMessage scrape = await client.GetAsync(new Uri("/metrics", UriKind.Relative), h.Token);
        string text = await scrape.Content.ReadAsStringAsync(h.Token);

        scrape.StatusCode.ShouldBe(HttpStatusCode.OK);
        scrape.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        text.ShouldContain("# TYPE videostudio_job_transitions_total counter");
        string[] completed = text.Split('\n').Where(l => l.StartsWith("videostudio_job_transitions_total{", StringComparison.Ordinal) && l.Contains("videostudio_job_state=\"completed\"", StringComparison.Ordinal)).ToArray();
        completed.ShouldHaveSingleItem().ShouldContain($"gen_ai_request_model=\"{ServerHarness.Model}\"");
        completed[0].ShouldEndWith(" 1");
        text.ShouldContain("videostudio_provider_submissions_total{");
        text.ShouldContain("gen_ai_client_operation_duration_seconds_bucket{");
        text.ShouldContain("videostudio_plugin_loads_total{");
        text.ShouldContain("videostudio_plugin_status=\"active\"");
        text.ShouldContain("videostudio_spend_settled");
        text.ShouldNotContain(ServerHarness.SimulatorKey);
    }

    [Fact]
    public async Task Metrics_Disabled_NotServed()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(settings: ["--VideoStudio:Server:PrometheusMetrics=false"]);

        using HttpResponseMessage scrape = await h.Client().GetAsync(new Uri("/metrics", UriKind.Relative), h.Token);

        scrape.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
