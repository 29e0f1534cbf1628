using System.Text.Json.Nodes;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Presentation;
using VideoStudio.IntegrationTests.Crash;

namespace VideoStudio.IntegrationTests.Cli;

/// <summary>The `videostudio` command line as a person or a script uses it: real process, exit codes, --json shapes.</summary>
[Collection(CrashCollection.Name)]
public sealed class CliTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "videostudio-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    // The plugin folders the built CLI ships, read from disk: a family added to plugins/ changes no number here.
    private static string[] ShippedFolders => Directory.GetDirectories(Path.Combine(Path.GetDirectoryName(CliLocator.CliDll)!, "plugins"))
        .Where(d => File.Exists(Path.Combine(d, "plugin.json"))).ToArray();

    private static int ShippedModels => ShippedFolders.Sum(d => JsonNode.Parse(File.ReadAllText(Path.Combine(d, "plugin.json")))!["models"]!.AsArray().Count);

    [Fact]
    public async Task Models_Json_ListsEveryModelOfEveryShippedPluginFolderWithVersions()
    {
        CliRun.Outcome run = await CliRun.RunAsync(data, "models", "--json");

        run.ExitCode.ShouldBe(0, run.StandardError);
        JsonArray models = run.Json.AsArray();
        ShippedFolders.Length.ShouldBeGreaterThanOrEqualTo(20);
        models.Count.ShouldBe(ShippedModels);
        models.Select(m => m!["plugin"]!.GetValue<string>()).Distinct().Count().ShouldBe(ShippedFolders.Length);
        models.ShouldAllBe(m => m!["pluginVersion"]!.GetValue<string>() == "1.0.0");
        models[0]!.AsObject().Select(p => p.Key).ShouldBe(["id", "aliases", "family", "task", "displayName", "plugin", "pluginVersion"]);
    }

    [Fact]
    public async Task Estimate_InputFromFile_PrintsTheDocumentedJsonShape()
    {
        Directory.CreateDirectory(data);
        string input = Path.Combine(data, "input.json");
        await File.WriteAllTextAsync(input, """{"video":"http://127.0.0.1:9/a.mp4","prompt":"p","resolution":"720p","duration":8}""", TestContext.Current.CancellationToken);

        CliRun.Outcome run = await CliRun.RunAsync(data, "estimate", "wan-2.2-spicy-extend", "--input", "@" + input, "--json");

        run.ExitCode.ShouldBe(0, run.StandardError);
        JsonNode estimate = run.Json;
        estimate["modelId"]!.GetValue<string>().ShouldBe("wavespeed-ai/wan-2.2-spicy/video-extend");
        estimate["currency"]!.GetValue<string>().ShouldBe("USD");
        estimate["totalUsd"]!.GetValue<decimal>().ShouldBe(0.48m);
        estimate["billedSeconds"]!.GetValue<decimal>().ShouldBe(8m);
        estimate["lineItems"]!.AsArray().ShouldNotBeEmpty();
        estimate["provenance"]!["confidence"]!.GetValue<string>().ShouldBe("documented");
    }

    [Fact]
    public async Task Validate_InvalidInput_ExitsTwoWithPathCodeAndMessage()
    {
        CliRun.Outcome run = await CliRun.RunAsync(data, "validate", "google/veo3.1/text-to-video", "--input", """{"prompt":"p","duration":5}""", "--json");

        run.ExitCode.ShouldBe(2);
        run.Json["valid"]!.GetValue<bool>().ShouldBeFalse();
        JsonNode error = run.Json["errors"]!.AsArray().ShouldHaveSingleItem()!;
        error["path"]!.GetValue<string>().ShouldBe("/duration");
        error["code"]!.GetValue<string>().ShouldBe("not_allowed");
        error["message"]!.GetValue<string>().ShouldContain("4, 6, 8");
    }

    [Fact]
    public async Task Estimate_UnknownModel_ExitsThreeWithSuggestionsOnStderr()
    {
        CliRun.Outcome run = await CliRun.RunAsync(data, "estimate", "ltx-2", "--input", "{}");

        run.ExitCode.ShouldBe(3);
        run.StandardOutput.ShouldBeEmpty();
        run.StandardError.ShouldContain("Did you mean");
    }

    [Fact]
    public async Task Estimate_UnknownModelWithOutputCaptured_ErrorIsOneUnwrappedLine()
    {
        CliRun.Outcome run = await CliRun.RunAsync(data, "estimate", "ltx-2", "--input", "{}");

        string line = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem();
        line.Length.ShouldBeGreaterThan(80);
        line.ShouldStartWith("error: Unknown model 'ltx-2'");
        line.ShouldContain("to list every model.");
    }

    [Fact]
    public async Task Plugins_Json_EveryPluginActive()
    {
        CliRun.Outcome run = await CliRun.RunAsync(data, "plugins", "--json");

        run.ExitCode.ShouldBe(0, run.StandardError);
        run.Json.AsArray().Count.ShouldBe(ShippedFolders.Length);
        run.Json.AsArray().ShouldAllBe(p => p!["status"]!.GetValue<string>() == "active");
    }

    [Fact]
    public async Task Generate_EmbeddedDefault_LeavesPlayableMp4AndJobsCommandsSeeIt()
    {
        string output = Path.Combine(data, "out.mp4");

        CliRun.Outcome generated = await CliRun.RunAsync(data, "generate", "ltx-2-fast-t2v", "--input", """{"prompt":"a paper boat","duration":6}""", "--out", output, "--json");
        CliRun.Outcome list = await CliRun.RunAsync(data, "jobs", "list", "--json");
        CliRun.Outcome spend = await CliRun.RunAsync(data, "jobs", "spend", "--json");

        generated.ExitCode.ShouldBe(0, generated.StandardError);
        string notice = generated.StandardError.Split('\n').Where(l => l.Contains("embedded WaveSpeed simulator", StringComparison.Ordinal)).ShouldHaveSingleItem("said once, on one line");
        notice.ShouldContain("nothing is billed");
        list.StandardError.ShouldContain("embedded WaveSpeed simulator", Case.Sensitive, "jobs commands run the worker on the same provider");
        generated.Json["state"]!.GetValue<string>().ShouldBe("completed");
        generated.Json["costUsd"]!.GetValue<decimal>().ShouldBe(0.04m);
        generated.Json["costSource"]!.GetValue<string>().ShouldBe("provider-billing", "generate waits briefly for the provider's charge");
        byte[] head = (await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken))[4..8];
        System.Text.Encoding.ASCII.GetString(head).ShouldBe("ftyp");
        JsonObject listed = list.Json.AsArray().ShouldHaveSingleItem()!.AsObject();
        listed["id"]!.GetValue<string>().ShouldBe(generated.Json["id"]!.GetValue<string>());
        listed.Select(p => p.Key).ShouldBe(Json.Options.GetTypeInfo(typeof(JobView)).Properties.Select(p => p.Name), ignoreOrder: true, "jobs list --json prints the job view");
        listed.ContainsKey("submitAttempts").ShouldBeFalse();
        listed.ContainsKey("providerInput").ShouldBeFalse();
        spend.Json["today"]!["settledUsd"]!.GetValue<decimal>().ShouldBe(0.04m);
    }

    [Fact]
    public async Task Estimate_NoKey_StartsNoSimulator()
    {
        CliRun.Outcome run = await CliRun.RunAsync(data, "estimate", "ltx-2-fast-t2v", "--input", """{"prompt":"p","duration":6}""", "--json");

        run.ExitCode.ShouldBe(0, run.StandardError);
        run.StandardError.ShouldNotContain("simulator");
    }

    [Fact]
    public async Task Compare_Json_IssuesAndPricesHaveTheShapesOfValidateAndEstimate()
    {
        CliRun.Outcome run = await CliRun.RunAsync(data, "compare", "ltx-2-fast-t2v", "google/veo3.1/text-to-video", "--input", """{"prompt":"p","duration":10}""", "--json");

        run.ExitCode.ShouldBe(0, run.StandardError);
        JsonArray entries = run.Json["entries"]!.AsArray();
        entries.Count.ShouldBe(2);
        JsonNode accepted = entries.Single(e => e!["accepted"]!.GetValue<bool>())!;
        accepted["estimate"]!.AsObject().Select(p => p.Key)
            .ShouldBe(Json.Options.GetTypeInfo(typeof(ApiViews.PriceView)).Properties.Select(p => p.Name), ignoreOrder: true);
        JsonNode rejected = entries.Single(e => !e!["accepted"]!.GetValue<bool>())!["rejected"]!.AsArray()[0]!;
        rejected.AsObject().Select(p => p.Key).ShouldBe(["path", "code", "message"], "the issue shape of validate --json");
    }

    private const int OverBudgetExit = 4; // ExitCodes.OverBudget (README, "Exit codes")

    [Fact]
    public async Task Generate_OverMaxCost_RefusedWithTheBudgetExitCodeAndNothingStored()
    {
        CliRun.Outcome run = await CliRun.RunAsync(data, "generate", "ltx-2-pro-t2v", "--input", """{"prompt":"p","duration":10}""", "--max-cost", "0.10");
        CliRun.Outcome list = await CliRun.RunAsync(data, "jobs", "list", "--json");

        run.ExitCode.ShouldBe(OverBudgetExit);
        run.StandardError.ShouldContain("above --max-cost");
        list.Json.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Generate_MaxCostBetweenEstimateAndHold_SaysBothWhyTheyDifferAndWhatWouldPass()
    {
        CliRun.Outcome estimate = await CliRun.RunAsync(data, "estimate", "ltx-2-fast-t2v", "--input", """{"prompt":"p","duration":6}""", "--json");
        decimal total = estimate.Json["totalUsd"]!.GetValue<decimal>();
        decimal hold = estimate.Json["holdUsd"]!.GetValue<decimal>();

        CliRun.Outcome run = await CliRun.RunAsync(data, "generate", "ltx-2-fast-t2v", "--input", """{"prompt":"p","duration":6}""", "--max-cost", (total + 0.01m).ToString(System.Globalization.CultureInfo.InvariantCulture));

        hold.ShouldBeGreaterThan(total + 0.01m, "the rule holds more than it estimates");
        run.ExitCode.ShouldBe(OverBudgetExit);
        string said = string.Join(" ", run.StandardError.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        said.ShouldContain($"estimated at ${total:0.00##}");
        said.ShouldContain($"${hold:0.00##} is held");
        said.ShouldContain("The hold is higher than the estimate because");
        said.ShouldContain($"A max cost of ${hold:0.00##} or more would pass");
    }

    [Fact]
    public async Task JobsSpend_JobsWithPendingCharges_ShowEachJobsEstimateNotZero()
    {
        CliRun.Outcome generated = await CliRun.RunAsync(data, "generate", "ltx-2-fast-t2v", "--input", """{"prompt":"a paper boat","duration":6}""", "--json");
        CliRun.Outcome spend = await CliRun.RunAsync(data, "jobs", "spend");

        generated.ExitCode.ShouldBe(0, generated.StandardError);
        spend.ExitCode.ShouldBe(0, spend.StandardError);
        spend.StandardOutput.ShouldContain("Jobs this month");
        spend.StandardOutput.ShouldContain("$0.04");
    }
}
