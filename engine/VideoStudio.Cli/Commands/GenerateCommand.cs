using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using VideoStudio.Cli.Output;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
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
            IVideoJobs jobs = services.GetRequiredService<IVideoJobs>();
            await jobs.ResumeAsync(ct).ConfigureAwait(false);
            // Events are delivered while the job runs; what is still due at the end gets a bounded last round.
            using var delivering = CancellationTokenSource.CreateLinkedTokenSource(ct);
            WebhookDispatcher dispatcher = services.GetRequiredService<WebhookDispatcher>();
            Task deliveries = dispatcher.RunAsync(delivering.Token);
            var request = new VideoRequest(parse.GetValue(id)!, await InputReader.ReadObjectAsync(parse.GetValue(input)!, ct).ConfigureAwait(false))
            {
                MaxCostUsd = parse.GetValue(maxCost),
                IdempotencyKey = parse.GetValue(key),
                MediaDurationHints = InputReader.ReadHints(parse.GetValue(hints)),
                Webhook = parse.GetValue(webhook),
            };
            JobView job = await jobs.SubmitAsync(request, parse.GetValue(output), ct).ConfigureAwait(false);
            job = parse.GetValue(json) || Console.IsOutputRedirected
                ? await jobs.WaitAsync(job.Id, job.Owner, ct).ConfigureAwait(false)
                : await JobProgress.ShowAsync(jobs, job, ct).ConfigureAwait(false);
            await delivering.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(deliveries).ConfigureAwait(false); // ends however it ends: its failure is the dispatcher's to log
            await WebhooksCommand.DrainAsync(dispatcher, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
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
}
