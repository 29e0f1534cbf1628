using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace VideoStudio.BrowserTests;

/// <summary>
/// One job feeds the next in the console: a finished job offers the steps its output can take (derived from the
/// installed models' schemas), a step opens the next model's form pre-filled with <c>job:&lt;id&gt;</c>, and the
/// chain is shown with its total cost.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "Browser")]
[Collection(ConsoleCollection.Name)]
public sealed class ChainTests(ConsoleServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The console's usd(): three decimals under $0.10, else two.
    private static string Usd(decimal amount) => amount != 0 && Math.Abs(amount) < 0.1m ? $"${amount:0.000}" : $"${amount:0.00}";

    // A finished text-to-video job, made through the API (the console's own form is covered by JobTests).
    private async Task<string> FinishedVideoJobAsync()
    {
        string model = (string)(await server.ModelsAsync("text-to-video"))[0]!["id"]!;
        var input = new JsonObject { ["prompt"] = "A paper boat drifting down a rain-soaked street, cinematic" };
        HttpResponseMessage response = await server.Http.PostAsJsonAsync("/v1/jobs", new { model, input }, Ct);
        response.EnsureSuccessStatusCode();
        string id = (string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!;
        for (int i = 0; i < 300; i++)
        {
            JsonObject job = (await server.Http.GetFromJsonAsync<JsonObject>("/v1/jobs/" + id, Ct))!;
            if ((string)job["state"]! == "completed")
            {
                return id;
            }

            ((string)job["state"]!).ShouldNotBeOneOf(["failed", "cancelled"], job.ToJsonString());
            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"Job {id} did not complete.");
    }

    private static async Task PlayAsync(IPage page, string jobId)
    {
        await page.ClickAsync("#jobs-refresh");
        await page.Locator($"#jobs [data-job=\"{jobId}\"] [data-play]").ClickAsync();
        await page.WaitForSelectorAsync($"#next-steps[data-job=\"{jobId}\"]:not([hidden])");
    }

    [Fact]
    public async Task Console_FinishedVideoJob_OffersAStepPerTaskWhoseModelsTakeAVideo()
    {
        string id = await FinishedVideoJobAsync();
        // Expected from the schemas as the API serves them: tasks with a model whose media field takes an MP4 video.
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonNode? model in await server.ModelsAsync())
        {
            JsonObject schema = await server.SchemaAsync((string)model!["id"]!);
            if (schema["properties"]!.AsObject().Any(p => p.Value!["x-media"] is JsonObject m && (string)m["kind"]! == "video"
                && (m["formats"] is not JsonArray f || f.Count == 0 || f.Any(x => (string)x! == "mp4"))))
            {
                expected.Add((string)model["task"]!);
            }
        }

        IPage page = await server.OpenConsoleAsync();
        try
        {
            await PlayAsync(page, id);
            IReadOnlyList<string> offered = await page.Locator("#next-step-buttons [data-next-step]").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.nextStep)");
            IReadOnlyList<string> labels = await page.Locator("#next-step-buttons [data-next-step]").AllTextContentsAsync();

            // Every such task is offered; a task can have several steps when its models name their own (plugin data:
            // `nextStep`, e.g. the local operations' "Trim" and "Make a 9:16 Reel").
            offered.Distinct().ShouldBe(expected, ignoreOrder: true);
            labels.ShouldContain("Make a 9:16 Reel");
            labels.ShouldContain("Upscale");
            labels.ShouldContain("Extend");
            labels.ShouldContain("Retake");
            offered.ShouldNotContain("text-to-video");
            await ConsolePage.ScreenshotAsync(page, "chain-next-steps");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Console_UpscaleStep_PrefillsTheJobOutputRunsAndShowsTheChainWithItsTotal()
    {
        string id = await FinishedVideoJobAsync();
        IPage page = await server.OpenConsoleAsync();
        try
        {
            await PlayAsync(page, id);
            string model = (await page.GetAttributeAsync("[data-next-step=upscale]", "data-model"))!;
            await page.ClickAsync("[data-next-step=upscale]");
            await page.WaitForSelectorAsync($"#settings:not([hidden]) [data-field=\"video\"]");
            await page.WaitForFunctionAsync("v => document.querySelector('[data-upload-status=\"video\"]').dataset.value === v", "job:" + id);
            JsonObject schema = await server.SchemaAsync(model);
            foreach (string name in schema["required"]?.AsArray().Select(r => (string)r!).Where(n => n != "video") ?? [])
            {
                if (schema["properties"]![name]!["enum"] is JsonArray choices)
                {
                    await ConsolePage.SetFieldAsync(page, name, (string)choices[^1]!);
                }
            }

            await page.WaitForFunctionAsync("() => ['valid', 'invalid'].includes(document.getElementById('model-form').dataset.state)");
            (await page.GetAttributeAsync("#model-form", "data-state")).ShouldBe("valid", await page.TextContentAsync("#fields"));
            (await page.GetAttributeAsync("[data-upload-status=\"video\"]", "data-state")).ShouldBe("job-output");
            (await page.TextContentAsync("#estimate-total"))!.ShouldStartWith("$");
            await page.ClickAsync("#submit");
            await page.WaitForSelectorAsync("#result[data-state=completed]", new() { Timeout = 45_000 });
            await page.WaitForSelectorAsync("#chain:not([hidden])");

            IReadOnlyList<string> chained = await page.Locator("#chain-jobs [data-chain-job]").EvaluateAllAsync<string[]>("ls => ls.map(l => l.dataset.chainJob)");
            string child = (await page.GetAttributeAsync("#result", "data-job"))!;
            JsonObject chain = (await server.Http.GetFromJsonAsync<JsonObject>($"/v1/jobs/{child}/chain", Ct))!;

            chained.ShouldBe([id, child]);
            (await page.TextContentAsync("#chain-total"))!.ShouldBe(Usd((decimal)chain["totalUsd"]!));
            (await page.TextContentAsync("#chain-split"))!.ShouldBe("2 paid, 0 free (runs locally)");
            await ConsolePage.ScreenshotAsync(page, "chain-total");
        }
        catch
        {
            await ConsolePage.ScreenshotAsync(page, "FAILED-chain-total");
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
