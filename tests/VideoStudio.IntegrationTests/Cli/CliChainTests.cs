using System.Text.Json.Nodes;

namespace VideoStudio.IntegrationTests.Cli;

/// <summary>
/// One job feeds the next from the CLI (real processes, the embedded simulator): <c>--input '{"video":"job:…"}'</c>
/// in estimate, validate and generate, <c>jobs chain</c> with its total, and <c>jobs spend</c> with the charges section.
/// </summary>
public sealed class CliChainTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "videostudio-cli-chain-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Generate_JobOutputAsVideo_UpscalesItAndJobsChainTotalsBoth()
    {
        CliRun.Outcome first = await CliRun.RunAsync(data, "generate", "ltx-2-fast-t2v", "--input", """{"prompt":"a paper boat","duration":6}""", "--json");
        first.ExitCode.ShouldBe(0, first.StandardError);
        string parent = first.Json["id"]!.GetValue<string>();
        string upscale = $$"""{"video":"job:{{parent}}","target_resolution":"4k"}""";

        CliRun.Outcome estimate = await CliRun.RunAsync(data, "estimate", "wavespeed-ai/flashvsr", "--input", upscale, "--json");
        CliRun.Outcome validate = await CliRun.RunAsync(data, "validate", "wavespeed-ai/flashvsr", "--input", upscale, "--json");
        CliRun.Outcome second = await CliRun.RunAsync(data, "generate", "wavespeed-ai/flashvsr", "--input", upscale, "--json");
        string child = second.Json["id"]!.GetValue<string>();
        CliRun.Outcome chain = await CliRun.RunAsync(data, "jobs", "chain", child, "--json");
        CliRun.Outcome spend = await CliRun.RunAsync(data, "jobs", "spend", "--json");

        estimate.ExitCode.ShouldBe(0, estimate.StandardError);
        estimate.Json["billedSeconds"]!.GetValue<decimal>().ShouldBeGreaterThanOrEqualTo(6m, "priced from the 6 s output it was given");
        validate.Json["valid"]!.GetValue<bool>().ShouldBeTrue(validate.StandardOutput);
        second.ExitCode.ShouldBe(0, second.StandardError);
        second.Json["state"]!.GetValue<string>().ShouldBe("completed");
        JsonArray jobs = chain.Json["jobs"]!.AsArray();
        jobs.Select(j => j!["id"]!.GetValue<string>()).ShouldBe([parent, child]);
        chain.Json["totalUsd"]!.GetValue<decimal>().ShouldBe(jobs.Sum(j => j!["costUsd"]!.GetValue<decimal>()));
        spend.ExitCode.ShouldBe(0, spend.StandardError);
        spend.Json["charges"]!["models"]!.AsArray().Count.ShouldBe(2, "both jobs have a charge record (pending or given up, never $0)");
    }

    [Fact]
    public async Task Estimate_UnknownJob_ExitTwoNamingTheField()
    {
        CliRun.Outcome run = await CliRun.RunAsync(data, "estimate", "wavespeed-ai/flashvsr", "--input", """{"video":"job:job_nope","target_resolution":"4k"}""", "--json");

        run.ExitCode.ShouldBe(2);
        run.Json["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("media_job_not_found");
        run.Json["errors"]![0]!["path"]!.GetValue<string>().ShouldBe("/video");
    }
}
