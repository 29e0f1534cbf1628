using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace VideoStudio.BrowserTests;

/// <summary>
/// The prompt optimizer as a creator meets it: "Improve prompt" beside the prompt field shows its price before
/// anything runs, a second click runs it and offers the rewrite, "Use this prompt" puts it in the field; a finished
/// optimizer job shows its text (not a player) with "Use this prompt"; the new task kinds have words for creators.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "Browser")]
[Collection(ConsoleCollection.Name)]
public sealed class PromptOptimizerTests(ConsoleServerFixture server)
{
    private const string Optimizer = "wavespeed-ai/prompt-optimizer";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
    public async Task ImprovePrompt_PriceFirstThenRewriteThenUse_FieldHoldsTheRewrite()
    {
        string model = (string)(await server.ModelsAsync("text-to-video"))[0]!["id"]!;
        IPage page = await server.OpenConsoleAsync("text-to-video");
        await AsCreatorAsync(page, "improve-prompt", async () =>
        {
            await ConsolePage.ChooseModelAsync(page, model);
            await ConsolePage.SetFieldAsync(page, "prompt", "a cat surfing at sunset");

            await page.ClickAsync("[data-improve-for=prompt]");
            await page.WaitForFunctionAsync("() => document.querySelector('[data-improve-for=prompt]').textContent.includes('$')");
            (await page.TextContentAsync("[data-improve-status-for=prompt]"))!.ShouldContain("Click again");
            await page.ClickAsync("[data-improve-for=prompt]");
            await page.WaitForSelectorAsync("[data-improve-suggestion-for=prompt]:not([hidden])", new() { Timeout = 30_000 });
            string rewrite = (await page.TextContentAsync("[data-improved-for=prompt]"))!;
            rewrite.ShouldStartWith("a cat surfing at sunset,");
            await ConsolePage.ScreenshotAsync(page, "improve-prompt-offered");
            await page.ClickAsync("[data-use-prompt-for=prompt]");

            (await page.InputValueAsync("[data-field=prompt]")).ShouldBe(rewrite);
            ConsoleServerFixture.ProblemsOf(page).ShouldBeEmpty();
        });
    }

    [Fact]
    public async Task OptimizerJob_Finished_ShowsTextAndUseThisPromptStartsCreate()
    {
        HttpResponseMessage response = await server.Http.PostAsJsonAsync("/v1/jobs", new { model = Optimizer, input = new { text = "a lighthouse in a storm" }, maxCostUsd = 1m }, Ct);
        response.EnsureSuccessStatusCode();
        string id = (string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!;
        for (int i = 0; i < 300 && (string)(await server.Http.GetFromJsonAsync<JsonObject>("/v1/jobs/" + id, Ct))!["state"]! != "completed"; i++)
        {
            await Task.Delay(100, Ct);
        }

        IPage page = await server.OpenConsoleAsync();
        await AsCreatorAsync(page, "optimizer-result", async () =>
        {
            await page.WaitForSelectorAsync($"[data-output-text='{id}']", new() { Timeout = 30_000 });
            await page.ClickAsync($"[data-play='{id}']");
            await page.WaitForSelectorAsync("#result-text:not([hidden])");
            string text = (await page.TextContentAsync($"[data-result-text='{id}']"))!;
            text.ShouldStartWith("a lighthouse in a storm,");
            (await page.IsHiddenAsync("#result-video")).ShouldBeTrue();
            await ConsolePage.ScreenshotAsync(page, "optimizer-result");

            await page.ClickAsync($"[data-use-prompt='{id}']");
            await page.WaitForSelectorAsync("#settings:not([hidden]) [data-field=prompt]");
            (await page.InputValueAsync("[data-field=prompt]")).ShouldBe(text);
        });
    }

    [Fact]
    public async Task TaskTiles_NewKinds_HaveCreatorWords()
    {
        IPage page = await server.OpenConsoleAsync();
        await AsCreatorAsync(page, "task-words", async () =>
        {
            foreach ((string task, string words) in new[] { ("face-swap", "Face swap"), ("background-removal", "Remove background"), ("add-audio", "Add sound"), ("video-translate", "Translate"), ("prompt-optimize", "Improve a prompt"), ("video-edit", "Edit"), ("video-transform", "Transform"), ("social", "Social") })
            {
                (await page.TextContentAsync($"label[for=task-{task}] strong")).ShouldBe(words);
            }

            // Every task the installed models have is a tile in words, never its id.
            foreach (string task in (await server.ModelsAsync()).Select(m => (string)m!["task"]!).Distinct())
            {
                (await page.TextContentAsync($"label[for=task-{task}] strong"))!.ShouldNotBe(task);
                (await page.TextContentAsync($"label[for=task-{task}] span"))!.ShouldNotBeNullOrWhiteSpace($"{task} says what it makes");
            }
        });
    }
}
