using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace VideoStudio.BrowserTests;

/// <summary>Every installed model's form is generated from its schema and shows the server's verdicts in place.</summary>
[Trait("Category", "Slow")]
[Trait("Category", "Browser")]
[Collection(ConsoleCollection.Name)]
public sealed class ModelFormTests(ConsoleServerFixture server)
{
    public static TheoryData<string> ModelIds => InstalledModels.Ids();

    private const string PromptOptimizer = "wavespeed-ai/prompt-optimizer";

    // Values for required text fields that have a format (a "pattern" in their schema), by field name.
    private static readonly Dictionary<string, string> PatternedSamples = new(StringComparer.Ordinal)
    {
        ["srt"] = "1\n00:00:00,500 --> 00:00:02,000\nA paper boat\n",
    };

    // A field a creator writes a prompt in: `prompt` or `*_prompt`, text, not media, not the negative prompt.
    private static bool IsPromptField(string name, JsonObject prop) =>
        (string?)prop["type"] == "string" && prop["x-media"] is null
        && (name == "prompt" || name.EndsWith("_prompt", StringComparison.Ordinal)) && !name.Contains("negative", StringComparison.Ordinal);

    [Fact]
    public async Task ModelsApi_InstalledPlugins_ListsExactlyTheirModels()
    {
        JsonArray models = await server.ModelsAsync();
        models.Select(m => (string)m!["id"]!).Order(StringComparer.Ordinal).ShouldBe(InstalledModels.All.Select(m => m.Id));
    }

    [Theory]
    [MemberData(nameof(ModelIds))]
    public async Task Form_AnyModel_RendersEveryPropertyAndShowsFieldErrors(string id)
    {
        JsonObject schema = await server.SchemaAsync(id);
        IPage page = await server.OpenConsoleAsync(InstalledModels.TaskOf(id));
        try
        {
            await ConsolePage.ChooseModelAsync(page, id);
            var properties = schema["properties"]!.AsObject();
            foreach ((string name, JsonNode? _) in properties)
            {
                (await page.Locator($"[data-field=\"{name}\"][name=\"{name}\"]").CountAsync()).ShouldBe(1, $"control for {name}");
                (await page.Locator($"[data-error-for=\"{name}\"]").CountAsync()).ShouldBe(1, $"error element for {name}");
            }

            // The prompt optimizer is offered beside every prompt field (the negative prompt is not one).
            if (InstalledModels.All.Any(m => m.Id == PromptOptimizer))
            {
                foreach (string name in properties.Where(p => IsPromptField(p.Key, p.Value!.AsObject())).Select(p => p.Key))
                {
                    (await page.Locator($"[data-improve-for=\"{name}\"]").CountAsync()).ShouldBe(1, $"Improve prompt beside {name}");
                }
            }

            // A value the schema forbids, put in through the control (an option injected into a select). A slider
            // cannot hold one (the browser clamps it to its range), so it is skipped; a model whose inputs are all
            // media or sliders (a background remover, a volume change) has no such value to type.
            (string field, string bad) = (null!, "");
            foreach ((string name, string value) in properties
                .Select(p => (p.Key, Bad: ConsolePage.InvalidValue(p.Value!.AsObject()) ?? ""))
                .Where(p => p.Bad.Length > 0))
            {
                if (await page.Locator($"[data-field=\"{name}\"]").EvaluateAsync<string>("e => e.type || ''") != "range")
                {
                    (field, bad) = (name, value);
                    break;
                }
            }

            if (field is not null)
            {
                if (properties[field]!["enum"] is not null)
                {
                    await page.EvalOnSelectorAsync($"[data-field=\"{field}\"]", "(e, v) => e.add(new Option(v, v))", bad);
                }

                await ConsolePage.SetFieldAsync(page, field, bad);
                ILocator error = page.Locator($"[data-error-for=\"{field}\"]");
                (await error.TextContentAsync()).ShouldNotBeNullOrWhiteSpace($"error for {field}={bad}");
            }

            // Emptying a required text field is reported on that field too.
            string? requiredText = schema["required"]?.AsArray().Select(r => (string)r!)
                .FirstOrDefault(r => properties[r]!["x-media"] is null && properties[r]!["enum"] is null && (string?)properties[r]!["type"] == "string");
            if (requiredText is not null)
            {
                await ConsolePage.SetFieldAsync(page, requiredText, "a boat");
                await ConsolePage.SetFieldAsync(page, requiredText, "");
                (await page.Locator($"[data-error-for=\"{requiredText}\"]").TextContentAsync()).ShouldNotBeNullOrWhiteSpace($"required {requiredText}");
            }

            await ConsolePage.ScreenshotAsync(page, "form-" + id);
            ConsoleServerFixture.ProblemsOf(page).ShouldBeEmpty("the form renders and checks without console errors or failed requests");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Theory]
    [MemberData(nameof(ModelIds))]
    public async Task Estimate_PricedFieldChanged_TotalFollows(string id)
    {
        JsonObject schema = await server.SchemaAsync(id);
        var properties = schema["properties"]!.AsObject();
        string[] required = schema["required"]?.AsArray().Select(r => (string)r!).ToArray() ?? [];
        IPage page = await server.OpenConsoleAsync(InstalledModels.TaskOf(id));
        try
        {
            await ConsolePage.ChooseModelAsync(page, id);
            foreach (string name in required)
            {
                if (properties[name]!["x-media"] is JsonObject media)
                {
                    await ConsolePage.UploadAsync(page, name, TestMedia.ForKind((string)media["kind"]!));
                }
                else if (properties[name]!["enum"] is JsonArray choices)
                {
                    await ConsolePage.SetFieldAsync(page, name, choices[0]!.ToString()); // a required choice (a language, a mode)
                }
                else if (properties[name]!["pattern"] is JsonNode pattern)
                {
                    // A text with a format (subtitles): a value the pattern takes, from this test's own samples.
                    PatternedSamples.TryGetValue(name, out string? sample).ShouldBeTrue($"add a sample of '{name}' matching {pattern} to PatternedSamples");
                    await ConsolePage.SetFieldAsync(page, name, sample!);
                }
                else
                {
                    await ConsolePage.SetFieldAsync(page, name, "A paper boat drifting down a rain-soaked street");
                }
            }

            string first = (await page.TextContentAsync("#estimate-total"))!;
            if (first == "unknown")
            {
                // A model without a published price reads "unknown" with the reason, never $0.
                (await page.TextContentAsync("#estimate-reason")).ShouldNotBeNullOrWhiteSpace();
                (await page.TextContentAsync($"[data-model=\"{id}\"] .price")).ShouldBe("unknown — live quote");
                await ConsolePage.ScreenshotAsync(page, "estimate-" + id);
                return;
            }

            if (first == "free (runs locally)")
            {
                // A free rule (local operations): free whatever the settings, and the line says why.
                (await page.TextContentAsync("#estimate-lines"))!.ShouldContain("free (runs locally)");
                return;
            }

            first.ShouldMatch(@"^\$\d+\.\d+$");
            // Walk every choice of every enum until the price moves: which field is priced is the plugin's business.
            var seen = new HashSet<string>(StringComparer.Ordinal) { first };
            foreach ((string name, JsonNode? prop) in properties.Where(p => p.Value!["enum"] is JsonArray))
            {
                foreach (JsonNode? option in prop!["enum"]!.AsArray())
                {
                    await ConsolePage.SetFieldAsync(page, name, option!.ToString());
                    seen.Add((await page.TextContentAsync("#estimate-total"))!);
                    if (seen.Count > 1)
                    {
                        break;
                    }
                }

                if (seen.Count > 1)
                {
                    break;
                }
            }

            await ConsolePage.ScreenshotAsync(page, "estimate-" + id);
            if (seen.Count == 1)
            {
                // No choice moves the price: it follows the uploaded media, whose seconds the line items bill, or (a
                // rule with no price of its own) it is the provider's live quote, shown as such.
                properties.Any(p => p.Value!["x-media"] is not null).ShouldBeTrue("the estimate never changed: " + first);
                string lines = (await page.TextContentAsync("#estimate-lines"))!;
                if (lines.Length == 0)
                {
                    (await page.TextContentAsync("#estimate-quote")).ShouldBe($"Live quote from the provider: {first}");
                }
                else
                {
                    lines.ShouldMatch(@"\d+(\.\d+)? s\b");
                }
            }
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
