using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace VideoStudio.BrowserTests;

/// <summary>
/// The creator's walk (issue 22): no charge without a price shown first, a comparison that means what it says, nothing
/// paid for that changes nothing, words for creators. Each test writes a FAILED-… screenshot when it fails.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "Browser")]
[Collection(ConsoleCollection.Name)]
public sealed class StudioTests(ConsoleServerFixture server)
{
    private const string UnknownPriceModel = "google/veo3.1/text-to-video";
    private const string Wan25Extend = "alibaba/wan-2.5/video-extend";
    private const string SpicyExtend = "wavespeed-ai/wan-2.2-spicy/video-extend";
    private const string SeedanceExtend = "bytedance/seedance-v1.5-pro/video-extend";

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
    public async Task Generate_UnknownRulePrice_ShowsTheLiveQuoteOnTheButtonAndTheJobShowsItsCost()
    {
        IPage page = await server.OpenConsoleAsync("text-to-video");
        await AsCreatorAsync(page, "unknown-price", async () =>
        {
            await ConsolePage.ChooseModelAsync(page, UnknownPriceModel);
            await ConsolePage.SetFieldAsync(page, "prompt", "A lighthouse at dusk, waves breaking");

            string total = (await page.TextContentAsync("#estimate-total"))!;
            total.ShouldMatch(@"^\$\d+\.\d+$");
            (await page.TextContentAsync("#estimate-quote"))!.ShouldContain("Live quote");
            (await page.TextContentAsync("#submit"))!.ShouldBe($"Generate · {total}");
            await ConsolePage.ScreenshotAsync(page, "studio-create-live-quote");
            await page.ClickAsync("#submit");
            await page.WaitForSelectorAsync("#result[data-state=completed]", new() { Timeout = 45_000 });

            (await page.TextContentAsync("#job-cost"))!.ShouldContain($"estimated {total} (live quote)");
            // "Started" stops being said once the job has ended: the result says how it ended.
            await page.WaitForFunctionAsync("() => document.getElementById('submit-status').textContent === ''");
        });
    }

    [Fact]
    public async Task Generate_NoPriceAndNoQuote_AsksForACapAndSendsItAsTheMaxCost()
    {
        IPage page = await server.OpenConsoleAsync("text-to-video");
        await page.RouteAsync("**/v1/quote", route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "application/json",
            Body = $$"""{"modelId":"{{UnknownPriceModel}}","ruleUsd":null,"quoteUsd":null,"estimateUsd":null,"holdUsd":null,"source":null,"unknownReason":"no confirmed price","needsMaxCost":true}""",
        }));
        await AsCreatorAsync(page, "no-price-cap", async () =>
        {
            await ConsolePage.ChooseModelAsync(page, UnknownPriceModel);
            await ConsolePage.SetFieldAsync(page, "prompt", "A lighthouse at dusk");

            (await page.IsVisibleAsync("#max-cost-row")).ShouldBeTrue();
            (await page.IsDisabledAsync("#submit")).ShouldBeTrue("no click spends on a price nobody has seen");
            await page.FillAsync("#max-cost", "1.5");
            (await page.TextContentAsync("#submit")).ShouldBe("Generate · up to $1.50");
            await ConsolePage.ScreenshotAsync(page, "studio-create-cap");
            IRequest sent = await page.RunAndWaitForRequestAsync(() => page.ClickAsync("#submit"), r => r.Url.EndsWith("/v1/jobs", StringComparison.Ordinal) && r.Method == "POST");

            JsonNode.Parse(sent.PostData!)!["maxCostUsd"]!.GetValue<decimal>().ShouldBe(1.5m);
            await page.WaitForSelectorAsync("#result[data-state=completed]", new() { Timeout = 45_000 });
        });
    }

    private static async Task ExtendFormAsync(IPage page)
    {
        await ConsolePage.ChooseModelAsync(page, Wan25Extend);
        await ConsolePage.UploadAsync(page, "video", TestMedia.Video);
        await ConsolePage.SetFieldAsync(page, "prompt", "The boat sails on into the sunset");
    }

    [Fact]
    public async Task Compare_ExtendWithOnlyThePromptAndClip_EveryModelTakesItAndCardsAgreeWithTheTable()
    {
        IPage page = await server.OpenConsoleAsync("video-extend");
        await AsCreatorAsync(page, "extend-compare", async () =>
        {
            await ExtendFormAsync(page);
            await page.ClickAsync("#compare-button");
            await page.WaitForSelectorAsync("#compare tr[data-compare]");

            string[] models = await page.Locator("#compare tr[data-compare]").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.compare)");
            models.Length.ShouldBeGreaterThanOrEqualTo(3);
            foreach (string id in models)
            {
                (await page.GetAttributeAsync($"#compare tr[data-compare=\"{id}\"]", "data-takes")).ShouldBe("true", $"{id}: WAN 2.5's defaults are not the creator's settings");
                (await page.GetAttributeAsync($"[data-model=\"{id}\"]", "data-takes")).ShouldBe("true", $"{id}: the card agrees with the table");
            }

            await ConsolePage.ScreenshotAsync(page, "studio-extend-compare");
        });
    }

    [Fact]
    public async Task CompareRun_ExtendOnTheThreeModels_PricedBeforeTheClickAndPlayedSideBySide()
    {
        string[] three = [Wan25Extend, SeedanceExtend, SpicyExtend];
        IPage page = await server.OpenConsoleAsync("video-extend");
        await AsCreatorAsync(page, "extend-side-by-side", async () =>
        {
            await ExtendFormAsync(page);
            await page.ClickAsync("#compare-button");
            await page.WaitForSelectorAsync("#compare tr[data-compare]");
            foreach (string id in three)
            {
                await page.Locator($"[data-run-pick=\"{id}\"]").CheckAsync();
            }

            // The button states the sum of the three models' own quotes before anything is spent.
            await page.WaitForFunctionAsync("() => /^Generate on 3 models · \\$\\d+\\.\\d+$/.test(document.getElementById('compare-run-button').textContent)");
            // A model whose rule has no price for these settings shows its live quote in the table, not just "unknown".
            await page.WaitForFunctionAsync("""
                () => [...document.querySelectorAll('#compare tr[data-takes=true]')]
                  .filter(r => r.querySelector('td.num').textContent.startsWith('unknown'))
                  .every(r => /^live quote \$\d/.test(r.querySelector('[data-quote-for]').textContent))
                """);
            decimal shown = decimal.Parse((await page.GetAttributeAsync("#compare-run-button", "data-total"))!, System.Globalization.CultureInfo.InvariantCulture);
            (await page.IsEnabledAsync("#compare-run-button")).ShouldBeTrue();
            await page.ClickAsync("#compare-run-button");
            await page.WaitForSelectorAsync("#viewer:not([hidden]) [data-side-video]", new() { Timeout = 60_000 });
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-side-video]')].every(v => v.readyState >= 2)");

            string[] jobs = await page.Locator("[data-side-video]").EvaluateAllAsync<string[]>("vs => vs.map(v => v.dataset.sideVideo)");
            jobs.Length.ShouldBe(3);
            decimal recorded = 0;
            foreach (string job in jobs)
            {
                JsonObject record = (await server.Http.GetFromJsonAsync<JsonObject>("/v1/jobs/" + job, Ct))!;
                string model = (string)record["modelId"]!;
                three.ShouldContain(model);
                decimal estimate = record["estimateUsd"]!.GetValue<decimal>();
                recorded += estimate;
                if (model != Wan25Extend)
                {
                    record["input"]!.AsObject().ContainsKey("enable_prompt_expansion").ShouldBeFalse($"{model}: WAN 2.5's default is not sent to it");
                }

                string caption = (await page.TextContentAsync($"[data-side=\"{job}\"] figcaption"))!;
                caption.ShouldContain(model);
                caption.ShouldContain(Usd(estimate));
                await page.WaitForFunctionAsync($"() => document.querySelector('[data-side-facts=\"{job}\"]').dataset.seconds");
                (await page.TextContentAsync($"[data-side-facts=\"{job}\"]"))!.ShouldMatch(@"^\d+\.\d s · \d+×\d+ · \d+ (KB|MB)$");
            }

            recorded.ShouldBe(shown, "the jobs are recorded at the prices the button showed: no surprise");

            // Synchronised: a seek, a play and a pause on one are followed by the others.
            await page.EvalOnSelectorAsync($"[data-side-video=\"{jobs[0]}\"]", "v => { v.currentTime = 1.5; }");
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-side-video]')].every(v => Math.abs(v.currentTime - 1.5) < 0.1)");
            await page.ClickAsync("[data-play-all]");
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-side-video]')].every(v => !v.paused)");
            await page.EvalOnSelectorAsync($"[data-side-video=\"{jobs[2]}\"]", "v => v.pause()");
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-side-video]')].every(v => v.paused)");
            (await page.TextContentAsync("#compare-run-status"))!.ShouldStartWith("3 of 3 finished");
            await ConsolePage.ScreenshotOfAsync(page.Locator("#viewer"), "studio-extend-side-by-side");
            await ConsolePage.ScreenshotOfAsync(page.Locator("section:has(#model-title)"), "studio-extend-run");
        });
    }

    // The console's usd(): three decimals under $0.10, else two.
    private static string Usd(decimal amount) => amount != 0 && Math.Abs(amount) < 0.1m ? $"${amount:0.000}" : $"${amount:0.00}";

    [Fact]
    public async Task GreyedCard_Picked_OffersEachChangeThenMovesTheSettingsToWhatItTakes()
    {
        IPage page = await server.OpenConsoleAsync("video-extend");
        await AsCreatorAsync(page, "extend-move", async () =>
        {
            await ExtendFormAsync(page);
            await ConsolePage.SetFieldAsync(page, "resolution", "1080p");
            await ConsolePage.SetFieldAsync(page, "duration", "10");
            ILocator spicy = page.Locator($"[data-model=\"{SpicyExtend}\"]");
            await page.WaitForSelectorAsync($"[data-model=\"{SpicyExtend}\"][data-takes=false]");

            (await spicy.Locator("[data-reason-for]").TextContentAsync())!.ShouldContain("Nearest it takes:");
            (await spicy.Locator("[data-reason-for]").TextContentAsync())!.ShouldNotContain("/resolution");
            await spicy.Locator("[data-choose]").ClickAsync();
            ILocator offer = spicy.Locator("[data-move-offer]");
            (await offer.Locator("[data-move-field=resolution]").TextContentAsync()).ShouldBe("Resolution: 1080p → 720p");
            (await offer.Locator("[data-move-field=duration]").TextContentAsync())!.ShouldEndWith("10 → 8");
            await ConsolePage.ScreenshotAsync(page, "studio-extend-move-offer");
            string? before = await ConsolePage.CheckedAsync(page);
            await offer.Locator("[data-apply-move]").ClickAsync();
            await page.WaitForSelectorAsync($"[data-model=\"{SpicyExtend}\"].selected");
            await ConsolePage.WaitForCheckAsync(page, before);

            (await page.InputValueAsync("[data-field=resolution]")).ShouldBe("720p");
            (await page.InputValueAsync("[data-field=duration]")).ShouldBe("8");
            (await page.GetAttributeAsync("#model-form", "data-state")).ShouldBe("valid", await page.TextContentAsync("#fields"));
            (await page.TextContentAsync("#submit-status"))!.ShouldContain("Resolution 1080p → 720p");

            // A message stops being shown when it stops being true: the next edit clears it.
            await ConsolePage.SetFieldAsync(page, "prompt", "The boat sails on into the night");
            (await page.TextContentAsync("#submit-status")).ShouldBe(string.Empty);
        });
    }

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

    [Fact]
    public async Task UpscaleNextStep_Of1080pClip_PreselectsATargetThatChangesSomethingAndANoOpNeedsConfirming()
    {
        string id = await FinishedJobAsync("alibaba/wan-2.5/text-to-video", new JsonObject { ["prompt"] = "A paper boat on a 1080p stream", ["size"] = "1920*1080" });
        IPage page = await server.OpenConsoleAsync();
        await AsCreatorAsync(page, "upscale-nothing", async () =>
        {
            await page.ClickAsync("#jobs-refresh");
            await page.Locator($"#jobs [data-job=\"{id}\"] [data-play]").ClickAsync();
            await page.WaitForSelectorAsync($"#next-steps[data-job=\"{id}\"]:not([hidden])");
            await page.ClickAsync("[data-next-step=upscale]");
            await page.WaitForFunctionAsync("() => document.querySelector('[data-field=\"target_resolution\"]') && document.getElementById('submit-status').textContent.includes('would change nothing')");

            (await page.InputValueAsync("[data-field=target_resolution]")).ShouldNotBe("1080p");
            (await page.IsVisibleAsync("#nothing-row")).ShouldBeFalse();
            (await page.IsEnabledAsync("#submit")).ShouldBeTrue();

            await ConsolePage.SetFieldAsync(page, "target_resolution", "1080p");
            (await page.IsVisibleAsync("#nothing-row")).ShouldBeTrue();
            string warning = (await page.TextContentAsync("#nothing-text"))!;
            warning.ShouldContain("Target resolution");
            warning.ShouldNotContain("/target_resolution");
            (await page.IsDisabledAsync("#submit")).ShouldBeTrue("a paid no-op is not one click away");
            await ConsolePage.ScreenshotAsync(page, "studio-upscale-changes-nothing");
            await page.CheckAsync("#nothing-confirm");
            (await page.IsEnabledAsync("#submit")).ShouldBeTrue();
        });
    }

    [Fact]
    public async Task Upload_Done_ShowsNameKindLengthAndSizeNeverAServerPath()
    {
        IPage page = await server.OpenConsoleAsync("upscale");
        await AsCreatorAsync(page, "upload-words", async () =>
        {
            string model = (string)(await server.ModelsAsync("upscale"))[0]!["id"]!;
            await ConsolePage.ChooseModelAsync(page, model);
            await ConsolePage.UploadAsync(page, "video", TestMedia.Video);

            string status = (await page.TextContentAsync("[data-upload-status=video]"))!;
            status.ShouldContain("clip-7.2s.mp4");
            status.ShouldContain("video");
            status.ShouldContain("7.2 s");
            status.ShouldMatch(@"\d+ (KB|MB)");
            (await page.InputValueAsync("[data-field=video]")).ShouldBe(string.Empty);
            (await page.ContentAsync()).ShouldNotContain(Path.GetTempPath().TrimEnd('/'));
            // Provenance is one click away, not on every field.
            (await page.Locator("#fields .badge").First.IsVisibleAsync()).ShouldBeFalse();
            await page.Locator("#fields [data-details-for] summary").First.ClickAsync();
            (await page.Locator("#fields .badge").First.IsVisibleAsync()).ShouldBeTrue();
            await ConsolePage.ScreenshotAsync(page, "studio-enhance-upload");
        });
    }

    [Fact]
    public async Task Banner_CheckFailedThenSucceeded_GoesAway()
    {
        IPage page = await server.OpenConsoleAsync("text-to-video");
        await AsCreatorAsync(page, "banner-stale", async () =>
        {
            string model = (string)(await server.ModelsAsync("text-to-video"))[0]!["id"]!;
            await ConsolePage.ChooseModelAsync(page, model);
            bool fail = true;
            await page.RouteAsync("**/v1/validate", async route =>
            {
                if (fail)
                {
                    await route.AbortAsync();
                }
                else
                {
                    await route.ContinueAsync();
                }
            });
            await ConsolePage.SetFieldAsync(page, "prompt", "A lighthouse"); // waits for the failed round to end
            (await page.IsVisibleAsync("#banner")).ShouldBeTrue();
            (await page.TextContentAsync("#banner"))!.ShouldStartWith("Could not check the settings");

            fail = false;
            await ConsolePage.SetFieldAsync(page, "prompt", "A lighthouse at dusk");
            (await page.IsHiddenAsync("#banner")).ShouldBeTrue("the message stopped being true");
        });
    }

    [Fact]
    public async Task Studio_Loaded_NoDeveloperSettingsAndNoFailedRequest()
    {
        IPage page = await server.OpenConsoleAsync();
        await AsCreatorAsync(page, "load-clean", async () =>
        {
            await page.WaitForSelectorAsync("#jobs[data-count]");

            (await page.Locator("#api-key, #webhook-url").CountAsync()).ShouldBe(0);
            (await page.GetAttributeAsync("#developer-link", "href")).ShouldBe("developer.html");
            ConsoleServerFixture.ProblemsOf(page).ShouldBeEmpty();
        });
    }
}
