using Microsoft.Playwright;

namespace VideoStudio.BrowserTests;

/// <summary>
/// A server that requires API keys: the console asks for one, sends it as a Bearer header, and passes it as
/// access_token where a browser cannot send headers (the result &lt;video&gt; and the progress EventSource).
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "Browser")]
[Collection(KeyedConsoleCollection.Name)]
public sealed class ApiKeyTests(KeyedConsoleServerFixture server)
{
    [Fact]
    public async Task Console_KeyRequired_AsksForItThenRunsAJobThatPlays()
    {
        IPage page = await server.OpenConsoleAsync("text-to-video", waitUntilReady: false);
        try
        {
            await page.WaitForSelectorAsync("#banner:not([hidden])");
            (await page.TextContentAsync("#banner"))!.ShouldContain("API key");
            (await page.GetAttributeAsync("body", "data-ready")).ShouldBeNull();

            // The key is a developer setting: the banner links to that page, which keeps it, then the studio loads.
            await page.ClickAsync("#banner a");
            await page.WaitForSelectorAsync("#api-key");
            await page.FillAsync("#api-key", KeyedConsoleServerFixture.Key);
            await page.PressAsync("#api-key", "Enter");
            await page.WaitForSelectorAsync("body[data-ready=true]");
            await page.ClickAsync("#studio-link");
            await page.WaitForSelectorAsync("body[data-ready=true]");
            await page.ClickAsync("[data-task=text-to-video]", new() { Force = true });
            await page.WaitForSelectorAsync("#model-cards[data-ready=true]");
            string id = (await page.GetAttributeAsync("#model-cards [data-model]", "data-model"))!;
            await ConsolePage.ChooseModelAsync(page, id);
            await ConsolePage.SetFieldAsync(page, "prompt", "A paper boat drifting down a rain-soaked street");
            await page.ClickAsync("#submit");
            await page.WaitForSelectorAsync("#result[data-state=completed]", new() { Timeout = 45_000 });
            await page.WaitForFunctionAsync("() => { const v = document.getElementById('result-video'); return v.readyState >= 2 && v.duration > 0; }",
                null, new() { Timeout = 15_000 });

            (await page.GetAttributeAsync("#result-video", "src"))!.ShouldContain("access_token=");
            await ConsolePage.ScreenshotAsync(page, "api-key-job");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
