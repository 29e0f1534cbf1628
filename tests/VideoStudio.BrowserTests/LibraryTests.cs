using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace VideoStudio.BrowserTests;

/// <summary>
/// The library (every job with its poster frame, prompt, model, length, size, cost and state; filters and prompt
/// search; downloads named from the prompt and model) and watching results side by side, synchronised, or an output
/// against its source.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "Browser")]
[Collection(ConsoleCollection.Name)]
public sealed class LibraryTests(ConsoleServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> FinishedJobAsync(string model, JsonObject input)
    {
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

    private static async Task AsCreatorAsync(IPage page, string name, Func<Task> walk)
    {
        try
        {
            await walk();
        }
        catch
        {
            await ConsolePage.ScreenshotAsync(page, "FAILED-" + name);
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Library_Jobs_ShowPosterPromptModelLengthSizeCostAndFilterByPromptAndModel()
    {
        string model = (string)(await server.ModelsAsync("text-to-video"))[0]!["id"]!;
        string lighthouse = await FinishedJobAsync(model, new JsonObject { ["prompt"] = "A lighthouse in a winter storm" });
        string meadow = await FinishedJobAsync(model, new JsonObject { ["prompt"] = "A meadow of poppies at noon" });
        IPage page = await server.OpenConsoleAsync();
        await AsCreatorAsync(page, "library", async () =>
        {
            ILocator item = page.Locator($"#jobs [data-job=\"{lighthouse}\"]");
            await item.WaitForAsync();
            await page.WaitForSelectorAsync($"[data-measured=\"{lighthouse}\"][data-width]");

            (await item.Locator(".prompt").TextContentAsync()).ShouldBe("A lighthouse in a winter storm");
            (await item.TextContentAsync())!.ShouldContain(model);
            (await item.Locator($"[data-measured=\"{lighthouse}\"]").TextContentAsync())!.ShouldMatch(@"\d+\.\d s · \d+×\d+");
            (await item.Locator(".cost").TextContentAsync())!.ShouldStartWith("estimated $");
            (await item.Locator("video.poster").CountAsync()).ShouldBe(1);
            (await item.Locator("[data-download]").GetAttributeAsync("download"))!.ShouldStartWith("a-lighthouse-in-a-winter-storm-");
            await ConsolePage.ScreenshotAsync(page, "studio-library");

            await page.FillAsync("#filter-text", "poppies");
            (await page.Locator($"#jobs [data-job=\"{lighthouse}\"]").CountAsync()).ShouldBe(0);
            (await page.Locator($"#jobs [data-job=\"{meadow}\"]").CountAsync()).ShouldBe(1);
            await page.FillAsync("#filter-text", string.Empty);
            await page.SelectOptionAsync("#filter-model", model);
            (await page.Locator("#jobs [data-job]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.jobModel)")).ShouldAllBe(m => m == model);
        });
    }

    [Fact]
    public async Task Library_UpscaleOfAClip_KnownByItsSourcesPromptInListSearchAndDownload()
    {
        string model = (string)(await server.ModelsAsync("text-to-video"))[0]!["id"]!;
        string source = await FinishedJobAsync(model, new JsonObject { ["prompt"] = "A heron wading through fog" });
        string upscaler = (string)(await server.ModelsAsync("upscale"))[0]!["id"]!;
        string upscaled = await FinishedJobAsync(upscaler, new JsonObject { ["video"] = "job:" + source, ["target_resolution"] = "4k" });
        IPage page = await server.OpenConsoleAsync();
        await AsCreatorAsync(page, "library-derived", async () =>
        {
            ILocator item = page.Locator($"#jobs [data-job=\"{upscaled}\"]");
            await item.WaitForAsync();

            (await item.Locator(".prompt").TextContentAsync()).ShouldBe("from A heron wading through fog");
            (await item.Locator(".prompt").GetAttributeAsync("data-from-source")).ShouldBe("true");
            (await item.Locator("[data-download]").GetAttributeAsync("download"))!.ShouldStartWith("a-heron-wading-through-fog-");
            await page.FillAsync("#filter-text", "heron");
            (await page.Locator("#jobs [data-job]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.job)")).ShouldBe([upscaled, source], ignoreOrder: true);
        });
    }

    [Fact]
    public async Task MediaField_FromTheLibrary_TakesAnEarlierOutputAsItsInput()
    {
        string model = (string)(await server.ModelsAsync("text-to-video"))[0]!["id"]!;
        string source = await FinishedJobAsync(model, new JsonObject { ["prompt"] = "An otter asleep on the river" });
        string upscaler = (string)(await server.ModelsAsync("upscale"))[0]!["id"]!;
        IPage page = await server.OpenConsoleAsync("upscale");
        await AsCreatorAsync(page, "library-as-input", async () =>
        {
            await page.WaitForSelectorAsync($"#jobs [data-job=\"{source}\"]");
            await ConsolePage.ChooseModelAsync(page, upscaler);
            string? before = await ConsolePage.CheckedAsync(page);
            await page.FocusAsync("[data-library-for=video]");
            await page.SelectOptionAsync("[data-library-for=video]", "job:" + source);
            await ConsolePage.WaitForCheckAsync(page, before);

            (await page.GetAttributeAsync("[data-upload-status=video]", "data-state")).ShouldBe("job-output");
            (await page.TextContentAsync("[data-upload-status=video]"))!.ShouldContain("An otter asleep on the river");
            (await page.GetAttributeAsync("#model-form", "data-state")).ShouldBe("valid", await page.TextContentAsync("#fields"));
            (await page.TextContentAsync("#submit"))!.ShouldMatch(@"^Generate · \$\d+\.\d+$");
            IRequest sent = await page.RunAndWaitForRequestAsync(() => page.ClickAsync("#submit"), r => r.Url.EndsWith("/v1/jobs", StringComparison.Ordinal) && r.Method == "POST");
            ((string)JsonNode.Parse(sent.PostData!)!["input"]!["video"]!).ShouldBe("job:" + source);
            await page.WaitForSelectorAsync("#result[data-state=completed]", new() { Timeout = 45_000 });
        });
    }

    [Fact]
    public async Task SideBySide_TwoResultsSelected_PlayAndSeekTogether()
    {
        string model = (string)(await server.ModelsAsync("text-to-video"))[0]!["id"]!;
        string one = await FinishedJobAsync(model, new JsonObject { ["prompt"] = "A red kite over the dunes" });
        string two = await FinishedJobAsync(model, new JsonObject { ["prompt"] = "A blue kite over the dunes" });
        IPage page = await server.OpenConsoleAsync();
        await AsCreatorAsync(page, "side-by-side", async () =>
        {
            await page.Locator($"[data-select-job=\"{one}\"]").CheckAsync();
            await page.Locator($"[data-select-job=\"{two}\"]").CheckAsync();
            await page.ClickAsync("#side-by-side-button");
            await page.WaitForSelectorAsync("#viewer:not([hidden]) [data-side-video]");
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-side-video]')].every(v => v.readyState >= 2)");

            (await page.Locator("[data-side-video]").CountAsync()).ShouldBe(2);
            await page.EvalOnSelectorAsync($"[data-side-video=\"{one}\"]", "v => { v.currentTime = 1.5; }");
            await page.WaitForFunctionAsync($"() => Math.abs(document.querySelector('[data-side-video=\"{two}\"]').currentTime - 1.5) < 0.1");
            await page.ClickAsync("[data-play-all]");
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-side-video]')].every(v => !v.paused)");
            await page.EvalOnSelectorAsync($"[data-side-video=\"{two}\"]", "v => v.pause()");
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-side-video]')].every(v => v.paused)");
            (await page.TextContentAsync($"[data-side=\"{one}\"] figcaption"))!.ShouldContain(model);
            await ConsolePage.ScreenshotAsync(page, "studio-side-by-side");
        });
    }

    [Fact]
    public async Task BeforeAfter_UpscaledOutput_ShownBesideItsSourceAndUnderASlider()
    {
        string model = (string)(await server.ModelsAsync("text-to-video"))[0]!["id"]!;
        string source = await FinishedJobAsync(model, new JsonObject { ["prompt"] = "A paper boat in the gutter" });
        string upscaler = (string)(await server.ModelsAsync("upscale"))[0]!["id"]!;
        string upscaled = await FinishedJobAsync(upscaler, new JsonObject { ["video"] = "job:" + source, ["target_resolution"] = "4k" });
        IPage page = await server.OpenConsoleAsync();
        await AsCreatorAsync(page, "before-after", async () =>
        {
            await page.Locator($"[data-source-compare=\"{upscaled}\"]").ClickAsync();
            await page.WaitForSelectorAsync($"#viewer:not([hidden]) [data-side-video=\"{source}\"]");

            (await page.Locator("#viewer [data-side-video]").CountAsync()).ShouldBe(2);
            await page.ClickAsync("#viewer [data-mode]");
            await page.WaitForSelectorAsync($"[data-before-after=\"{upscaled}\"]");
            await page.FillAsync($"[data-before-after=\"{upscaled}\"]", "30");
            (await page.EvalOnSelectorAsync<string>($"[data-side-video=\"{upscaled}\"]", "v => v.style.clipPath")).ShouldBe("inset(0px 0px 0px 30%)");
            await ConsolePage.ScreenshotAsync(page, "studio-before-after");
        });
    }
}
