using Spectre.Console;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Cli.Commands;

/// <summary>A Spectre progress display fed by a job's event stream.</summary>
public static class JobProgress
{
    /// <summary>Shows progress until the job settles; returns the final job.</summary>
    public static async Task<JobView> ShowAsync(IVideoJobs jobs, JobView job, CancellationToken cancellationToken)
    {
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                ProgressTask bar = ctx.AddTask(Describe(job.ModelId, "queued"), maxValue: 100);
                await foreach (JobEvent e in jobs.WatchAsync(job.Id, job.Owner, cancellationToken).ConfigureAwait(false))
                {
                    (double value, string text) = e.Kind switch
                    {
                        JobEventKind.Queued => (2, "queued"),
                        JobEventKind.Uploading when e.TotalBytes > 0 => (2 + (8.0 * e.Bytes!.Value / e.TotalBytes.Value), $"uploading {e.Message}"),
                        JobEventKind.Uploading => (5, "uploading"),
                        JobEventKind.Submitted => (12, "submitted"),
                        JobEventKind.Processing when e.ExpectedSeconds > 0 => (12 + (76 * Math.Min(0.95, e.ElapsedSeconds!.Value / e.ExpectedSeconds.Value)), $"processing {e.ElapsedSeconds:0}s / ~{e.ExpectedSeconds:0}s"),
                        JobEventKind.Processing => (Math.Max(bar.Value, 20), "processing"),
                        JobEventKind.Downloading => (92, e.Bytes is long b ? $"downloading {b / 1024.0:0} KiB" : "downloading"),
                        JobEventKind.Completed => (100, "completed"),
                        _ => (bar.Value, e.Kind.ToString().ToLowerInvariant()),
                    };
                    bar.Value = Math.Max(bar.Value, value);
                    bar.Description = Describe(job.ModelId, text);
                }

                bar.StopTask();
            }).ConfigureAwait(false);
        return await jobs.GetAsync(job.Id, job.Owner, cancellationToken).ConfigureAwait(false) ?? job;
    }

    private static string Describe(string model, string text) => Markup.Escape($"{model}: {text}");
}
