using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using VideoStudio.Cli.Output;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.Engine.Jobs.Webhooks;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Cli.Commands;

/// <summary>`generate &lt;id&gt; --input … [--out FILE] [--max-cost USD] [--json]`: run one job to the end with a progress bar.</summary>
public sealed class GenerateCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        Argument<string> id = CommonOptions.ModelId();
        Option<string> input = CommonOptions.Input();
        Option<string?> output = new("--out", "-o") { Description = "Write the video here (default: the data directory's outputs/<job>/)." };
        Option<decimal?> maxCost = new("--max-cost") { Description = "Refuse, before anything is uploaded, a request whose estimate (hold) is above this many USD." };
        Option<string?> key = new("--idempotency-key") { Description = "Return the existing job with this key instead of starting another." };
        Option<string[]> hints = CommonOptions.MediaDuration();
        Option<string?> webhook = new("--webhook") { Description = "POST the job's state changes to this http(s) URL, signed (Standard Webhooks; the secret: `webhooks endpoint show`)." };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("generate", "Run a model for real: validate, price, upload, submit once, wait, download.") { id, input, output, maxCost, key, hints, webhook, json };
        command.SetAction((parse, ct) => CliApp.WithServicesAsync(parse, async services =>
        {
            // The job worker runs while the job does (it also resumes jobs no live process holds, and sends webhooks
            // out); what is still due at the end gets a bounded last round.
            JobView job = await CliApp.WhileJobsRunAsync(services, int.MaxValue, async jobs =>
            {
                var request = new VideoRequest(parse.GetValue(id)!, await InputReader.ReadObjectAsync(parse.GetValue(input)!, ct).ConfigureAwait(false))
                {
                    MaxCostUsd = parse.GetValue(maxCost),
                    IdempotencyKey = parse.GetValue(key),
                    MediaDurationHints = InputReader.ReadHints(parse.GetValue(hints)),
                    Webhook = parse.GetValue(webhook),
                };
                JobView submitted = await jobs.SubmitAsync(request, parse.GetValue(output), ct).ConfigureAwait(false);
                JobView ended = parse.GetValue(json) || Console.IsOutputRedirected
                    ? await jobs.WaitAsync(submitted.Id, submitted.Owner, ct).ConfigureAwait(false)
                    : await JobProgress.ShowAsync(jobs, submitted, ct).ConfigureAwait(false);
                return await WaitForChargeAsync(jobs, ended, services.GetRequiredService<TimeProvider>(), ct).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
            await WebhooksCommand.DrainAsync(services.GetRequiredService<IVideoJobs>(), TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Terminal.WriteJson(ApiViews.Brief(job));
            }
            else
            {
                JobViews.RenderResult(job);
            }

            return job.State == JobState.Completed ? ExitCodes.Ok : ExitCodes.Failure;
        }, ct));
        return command;
    }

    /// <summary>How long <c>generate</c> waits after the job for the provider's charge when its first lookup is due by then.</summary>
    public static readonly TimeSpan ChargeWait = TimeSpan.FromSeconds(15);

    // The provider's billing record often lands seconds after the task: when the first lookup falls within ChargeWait,
    // keep the job worker running until the charge is known (or the wait ends), so the result shows what was billed.
    // Otherwise the charge stays pending in the store and the next process that runs jobs on it collects it.
    private static async Task<JobView> WaitForChargeAsync(IVideoJobs jobs, JobView job, TimeProvider time, CancellationToken ct)
    {
        DateTimeOffset until = time.GetUtcNow() + ChargeWait;
        while (job.Charge is { Status: JobChargeStatus.Pending, NextLookupAt: DateTimeOffset due } && due <= until && time.GetUtcNow() < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct).ConfigureAwait(false);
            job = await jobs.GetAsync(job.Id, job.Owner, ct).ConfigureAwait(false) ?? job;
        }

        return job;
    }
}
