using Spectre.Console;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;

namespace VideoStudio.Cli.Output;

/// <summary>How jobs print.</summary>
public static class JobViews
{
    /// <summary>Prints the outcome of a job for people.</summary>
    public static void RenderResult(JobRecord job)
    {
        if (job.State == JobState.Completed)
        {
            AnsiConsole.MarkupLine($"[green]done[/] {Terminal.Esc(job.Id)}: {Terminal.Esc(job.Outputs[0].LocalPath)} ({job.Outputs[0].SizeBytes / 1024.0:0} KiB, cost {Cost(job)})");
        }
        else
        {
            Terminal.Fail($"{job.Id} is {job.State}: {job.Error?.Message ?? "no reason recorded"}", ExitCodes.Failure);
        }
    }

    /// <summary>The job's cost as text: never $0 for unknown.</summary>
    public static string Cost(JobRecord job) => (job.FinalCostUsd ?? job.EstimateUsd) is decimal usd ? $"${usd:0.00##} ({job.CostSource ?? "estimated"})" : "unknown";
}
