using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace VideoStudio.BrowserTests;

/// <summary>
/// Webhooks out in the console's developer settings (their own page, not the creator's): the owner's endpoint is set
/// there (a refused address says why), and a job's deliveries are listed, with "Send again" on one that gave up.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "Browser")]
[Collection(ConsoleCollection.Name)]
public sealed class WebhookTests(ConsoleServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Console_WebhookEndpoint_RefusedAddressExplainedThenSavedWithItsSecret()
    {
        string url = $"http://127.0.0.1:{server.DeadReceiverPort}/hooks/console";
        IPage page = await server.OpenDeveloperPageAsync();
        try
        {
            // The loaded page already says something ("None set."): wait for the answer to this save, not for any text.
            string loaded = await page.TextContentAsync("#webhook-status") ?? "";
            await page.FillAsync("#webhook-url", "http://10.0.0.1/hook"); // private and not allow-listed: refused without a connection
            await page.ClickAsync("#webhook-form button[type=submit]");
            await page.WaitForFunctionAsync("(before) => document.querySelector('#webhook-status').textContent !== before", loaded);
            (await page.TextContentAsync("#webhook-status"))!.ShouldContain("not allowed");

            await page.FillAsync("#webhook-url", url);
            await page.ClickAsync("#webhook-form button[type=submit]");
            await page.WaitForFunctionAsync("() => document.querySelector('#webhook-status').textContent.includes('whsec_')");

            JsonObject endpoint = (await server.Http.GetFromJsonAsync<JsonObject>("/v1/webhooks/endpoint", Ct))!;
            ((string)endpoint["url"]!).ShouldBe(url);
            (await page.TextContentAsync("#webhook-status"))!.ShouldContain((string)endpoint["secret"]!);
        }
        finally
        {
            await page.CloseAsync();
            // 404 when the test failed before saving: the clean-up must not hide that failure behind its own.
            (await server.Http.DeleteAsync("/v1/webhooks/endpoint", Ct)).StatusCode.ShouldBeOneOf(HttpStatusCode.NoContent, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Console_FinishedJobWithDeadDeliveries_ListsThemAndSendsOneAgain()
    {
        string model = (string)(await server.ModelsAsync("text-to-video"))[0]!["id"]!;
        var input = new JsonObject { ["prompt"] = "A paper boat drifting down a rain-soaked street, cinematic" };
        string webhook = $"http://127.0.0.1:{server.DeadReceiverPort}/hooks/job";
        HttpResponseMessage created = await server.Http.PostAsJsonAsync("/v1/jobs", new { model, input, webhook }, Ct);
        created.EnsureSuccessStatusCode();
        string id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!;
        JsonArray deliveries = await UntilAsync(id, d => d.Count >= 3 && d.All(x => (string)x!["state"]! == "dead"));

        IPage page = await server.OpenDeveloperPageAsync("#job=" + id);
        try
        {
            await page.WaitForSelectorAsync($"#webhooks[data-job=\"{id}\"]:not([hidden])");

            (await page.Locator("#webhook-deliveries li[data-state=dead]").CountAsync()).ShouldBe(deliveries.Count);
            (await page.TextContentAsync("#webhooks-summary"))!.ShouldBe($"{deliveries.Count} dead");
            string first = (string)deliveries[0]!["id"]!;
            await page.Locator($"#webhook-deliveries li[data-delivery=\"{first}\"] button").ClickAsync();
            await page.WaitForSelectorAsync($"#webhook-deliveries li[data-delivery=\"{first}\"][data-state=pending]");

            JsonObject again = (await server.Http.GetFromJsonAsync<JsonArray>($"/v1/jobs/{id}/webhooks", Ct))!
                .Select(d => d!.AsObject()).Single(d => (string)d["id"]! == first);
            ((string)again["state"]!).ShouldBeOneOf("pending", "dead"); // sent again (and it may have given up once more by now)
            (await page.Locator("#webhook-deliveries li[data-state=dead]").CountAsync()).ShouldBe(deliveries.Count - 1);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private async Task<JsonArray> UntilAsync(string jobId, Func<JsonArray, bool> condition)
    {
        for (int i = 0; i < 300; i++)
        {
            JsonArray deliveries = (await server.Http.GetFromJsonAsync<JsonArray>($"/v1/jobs/{jobId}/webhooks", Ct))!;
            if (condition(deliveries))
            {
                return deliveries;
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"The deliveries of job {jobId} never reached the expected state.");
    }
}
