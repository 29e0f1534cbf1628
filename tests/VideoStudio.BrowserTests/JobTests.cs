using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace VideoStudio.BrowserTests;

/// <summary>One real job per task kind (the paid ones against the simulator, the free ones with FFmpeg), from the form to a playing video.</summary>
[Trait("Category", "Slow")]
[Trait("Category", "Browser")]
[Collection(ConsoleCollection.Name)]
public sealed class JobTests(ConsoleServerFixture server)
{
    [Theory]
    [InlineData("text-to-video")]
    [InlineData("image-to-video")]
    [InlineData("video-extend")]
    [InlineData("upscale")]
    [InlineData("avatar")]
    [InlineData("video-to-video")]
    [InlineData("face-swap")]
    [InlineData("background-removal")]
    [InlineData("add-audio")]
    [InlineData("video-translate")]
    [InlineData("video-edit")]
    [InlineData("video-transform")]
    [InlineData("social")]
    public async Task Console_JobPerTaskKind_CompletesAndVideoPlays(string task)
    {
        // The task's first model as the API lists it: the test knows no model by name.
        string id = (string)(await server.ModelsAsync(task))[0]!["id"]!;
        JsonObject schema = await server.SchemaAsync(id);
        var properties = schema["properties"]!.AsObject();
        IPage page = await server.OpenConsoleAsync(task);
        try
        {
            await ConsolePage.ChooseModelAsync(page, id);
            foreach (string name in schema["required"]?.AsArray().Select(r => (string)r!) ?? [])
            {
                if (properties[name]!["x-media"] is JsonObject media)
                {
                    await ConsolePage.UploadAsync(page, name, TestMedia.ForKind((string)media["kind"]!));
                }
                else if (properties[name]!["enum"] is JsonArray choices)
                {
                    await ConsolePage.SetFieldAsync(page, name, choices[0]!.ToString()); // a required choice (a language, a platform)
                }
                else
                {
                    // Captions take SRT cues; every other required text is a prompt.
                    await ConsolePage.SetFieldAsync(page, name, name == "srt" ? "1\n00:00:00,500 --> 00:00:02,500\nA paper boat\n" : "A paper boat drifting down a rain-soaked street, cinematic");
                }
            }

            (await page.GetAttributeAsync("#model-form", "data-state")).ShouldBe("valid", await page.TextContentAsync("#fields"));
            (await page.TextContentAsync("#estimate-total"))!.ShouldNotBe("$0.00");
            if (await page.IsVisibleAsync("#nothing-row"))
            {
                await page.CheckAsync("#nothing-confirm"); // a request the rule says changes nothing runs only once confirmed
            }

            await page.ClickAsync("#submit");
            await page.WaitForSelectorAsync("#result[data-state=completed]", new() { Timeout = 45_000 });
            await page.WaitForFunctionAsync("() => { const v = document.getElementById('result-video'); return v.readyState >= 2 && v.duration > 0; }",
                null, new() { Timeout = 15_000 });
            double duration = await page.EvalOnSelectorAsync<double>("#result-video", "v => v.duration");
            duration.ShouldBeGreaterThan(0);
            (await page.GetAttributeAsync("#result-download", "href"))!.ShouldContain("/output");
            await page.WaitForSelectorAsync("#jobs [data-job] .state-completed");
            await ConsolePage.ScreenshotAsync(page, "job-" + task);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
