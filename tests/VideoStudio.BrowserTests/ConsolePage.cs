using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace VideoStudio.BrowserTests;

/// <summary>What the tests do on the console, in the console's own terms (data-* hooks, never CSS layout).</summary>
internal static class ConsolePage
{
    public static string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    /// <summary>Clicks a model's card and waits for its generated form's first server check.</summary>
    public static async Task ChooseModelAsync(IPage page, string modelId)
    {
        ILocator card = page.Locator($"[data-model=\"{modelId}\"]");
        await card.Locator("[data-choose]").ClickAsync();
        await page.WaitForSelectorAsync("#settings:not([hidden]) #fields [data-field]");
        await page.WaitForSelectorAsync("#model-form[data-checked]");
        await WaitForCheckAsync(page, null);
    }

    /// <summary>The id of the last finished validate/estimate round.</summary>
    public static Task<string?> CheckedAsync(IPage page) => page.GetAttributeAsync("#model-form", "data-checked");

    /// <summary>Waits until a validate/estimate round newer than <paramref name="previous"/> has finished.</summary>
    public static Task WaitForCheckAsync(IPage page, string? previous) => page.WaitForFunctionAsync(
        "prev => { const f = document.getElementById('model-form'); return f.dataset.checked && f.dataset.checked !== prev && f.dataset.state !== 'checking'; }",
        previous ?? "");

    /// <summary>Puts a value into a field's control, whatever the widget, and waits for the server's verdict.</summary>
    public static async Task SetFieldAsync(IPage page, string field, string value)
    {
        string? before = await CheckedAsync(page);
        ILocator control = page.Locator($"[data-field=\"{field}\"]");
        string tag = await control.EvaluateAsync<string>("e => e.tagName.toLowerCase() + ':' + (e.type || '')");
        if (tag.StartsWith("select", StringComparison.Ordinal))
        {
            await control.SelectOptionAsync(value);
        }
        else
        {
            await control.FillAsync(value);
        }

        await WaitForCheckAsync(page, before);
    }

    /// <summary>Uploads a local file through a media field's picker and waits until its path is in the field.</summary>
    public static async Task UploadAsync(IPage page, string field, string file)
    {
        string? before = await CheckedAsync(page);
        await page.Locator($"[data-upload-for=\"{field}\"]").SetInputFilesAsync(file);
        await page.WaitForSelectorAsync($"[data-upload-status=\"{field}\"][data-state=done]");
        await WaitForCheckAsync(page, before);
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        string safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, safe + ".png"), FullPage = true });
    }

    /// <summary>A picture of one part of the page (a section the creator's guide shows on its own).</summary>
    public static async Task ScreenshotOfAsync(ILocator part, string name)
    {
        string safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        await part.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, safe + ".png") });
    }

    /// <summary>A value no schema allows for this property: outside the enum, or past the bounds.</summary>
    public static string? InvalidValue(JsonObject prop) => prop switch
    {
        _ when prop["enum"] is not null => (string?)prop["type"] is "integer" or "number" ? "987" : "not-a-choice",
        _ when prop["maximum"] is not null => ((double)prop["maximum"]! + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ when prop["maxLength"] is not null => new string('x', (int)prop["maxLength"]! + 1),
        _ => null,
    };

    // TestResults/screenshots next to the test project, where CI collects TestResults; overridable.
    private static string FindScreenshotDirectory()
    {
        string? dir = Environment.GetEnvironmentVariable("SCREENSHOT_DIR");
        if (dir is null)
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory);
            while (here is not null && !File.Exists(Path.Combine(here.FullName, "VideoStudio.BrowserTests.csproj")))
            {
                here = here.Parent;
            }

            dir = Path.Combine(here?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        }

        Directory.CreateDirectory(dir);
        return dir;
    }
}
