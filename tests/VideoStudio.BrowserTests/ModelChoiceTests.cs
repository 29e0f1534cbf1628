using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace VideoStudio.BrowserTests;

/// <summary>Choosing among models: cards with their education content, disabled cards, the comparison table.</summary>
[Trait("Category", "Slow")]
[Trait("Category", "Browser")]
[Collection(ConsoleCollection.Name)]
public sealed class ModelChoiceTests(ConsoleServerFixture server)
{
    public static TheoryData<string> Tasks => new(InstalledModels.All.Select(m => m.Task).Distinct().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Tasks))]
    public async Task ModelCards_TaskChosen_ShowEducationAndPrice(string task)
    {
        JsonArray models = await server.ModelsAsync(task);
        IPage page = await server.OpenConsoleAsync(task);
        try
        {
            await page.WaitForSelectorAsync("#model-cards[data-ready=true]");
            (await page.Locator("[data-model]").CountAsync()).ShouldBe(models.Count);
            foreach (string id in models.Select(m => (string)m!["id"]!))
            {
                JsonObject detail = (await server.Http.GetFromJsonAsync<JsonObject>("/v1/models/" + id, TestContext.Current.CancellationToken))!;
                ILocator card = page.Locator($"[data-model=\"{id}\"]");
                (await card.Locator(".tagline").TextContentAsync()).ShouldBe((string)detail["card"]!["tagline"]!);
                // Unknown is never $0, and a free rule reads as free, not as $0.00.
                decimal? example = detail["price"]!["exampleUsd"]?.GetValue<decimal>();
                string expected = example switch
                {
                    null => "unknown — live quote",
                    0m => "free (runs locally)",
                    decimal usd when usd < 0.1m => $"${usd:0.000}",
                    decimal usd => $"${usd:0.00}",
                };
                (await card.Locator(".price").TextContentAsync()).ShouldBe(expected, id);
            }

            await ConsolePage.ScreenshotAsync(page, "cards-" + task);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task ModelCards_SettingsUnsupported_DisabledWithReason()
    {
        JsonArray models = await server.ModelsAsync("text-to-video");
        IPage page = await server.OpenConsoleAsync("text-to-video");
        try
        {
            // Try each model's own choices until one of them rules another model out.
            foreach (string id in models.Select(m => (string)m!["id"]!))
            {
                await ConsolePage.ChooseModelAsync(page, id);
                JsonObject properties = (await server.SchemaAsync(id))["properties"]!.AsObject();
                foreach ((string name, JsonNode? prop) in properties.Where(p => p.Value!["enum"] is JsonArray))
                {
                    foreach (JsonNode? option in prop!["enum"]!.AsArray())
                    {
                        await ConsolePage.SetFieldAsync(page, name, option!.ToString());
                        ILocator disabled = page.Locator(".model-card.disabled");
                        if (await disabled.CountAsync() > 0)
                        {
                            (await disabled.First.Locator("[data-reason-for]").TextContentAsync())!.ShouldStartWith("Can't take these settings:");
                            ILocator choose = disabled.First.Locator("[data-choose]");
                            // Greyed, yet not a dead end: either nothing can be moved, or it offers to move the settings.
                            ((await choose.IsDisabledAsync()) || (await choose.TextContentAsync()) == "Use with changes…").ShouldBeTrue();
                            await ConsolePage.ScreenshotAsync(page, "cards-disabled");
                            return;
                        }
                    }
                }
            }

            throw new ShouldAssertException("no setting of any text-to-video model disabled another model");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Comparison_Requested_ListsEveryCandidateWithAcceptanceAndPrice()
    {
        JsonArray models = await server.ModelsAsync("text-to-video");
        IPage page = await server.OpenConsoleAsync("text-to-video");
        try
        {
            string first = (string)models[0]!["id"]!;
            await ConsolePage.ChooseModelAsync(page, first);
            await ConsolePage.SetFieldAsync(page, "prompt", "A lighthouse at dusk");
            await page.ClickAsync("#compare-button");
            await page.WaitForSelectorAsync("#compare tr[data-compare]");
            (await page.Locator("#compare tr[data-compare]").CountAsync()).ShouldBe(models.Count);
            (await page.Locator($"#compare tr[data-compare=\"{first}\"] .pill").TextContentAsync()).ShouldBe("Yes");
            await ConsolePage.ScreenshotAsync(page, "compare-text-to-video");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
