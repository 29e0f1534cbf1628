using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// Finishes a job the provider completed: maps its outputs (the plugin's <see cref="IOutputMapper"/> or the
/// default "outputs[0] is what the schema's x-output declares", an MP4 unless it says otherwise), downloads each one (streamed and hashed, resumable, then renamed into place;
/// a full disk is waited out), records size and SHA-256, and settles the cost. Output URLs expire after 7 days, so this runs at completion.
/// </summary>
public sealed class JobCompletion(JobContext context, PluginCatalogHolder catalogs) : IDisposable
{
    private readonly SemaphoreSlim downloads = new(context.Options.DownloadConcurrency);

    /// <inheritdoc />
    public void Dispose() => downloads.Dispose();

    /// <summary>Downloads the outputs of a completed task and marks the job Completed (at most DownloadConcurrency at once).</summary>
    public async Task CompleteAsync(JobRecord job, JobPlan plan, ProviderTask snapshot, CancellationToken cancellationToken)
    {
        await downloads.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CompleteNowAsync(job, plan.Model, snapshot, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            downloads.Release();
        }
    }

    private async Task CompleteNowAsync(JobRecord job, ModelDefinition model, ProviderTask snapshot, CancellationToken cancellationToken)
    {
        // Code (an output mapper) comes from the current catalog, whose load contexts are alive; a job whose plugin
        // was removed meanwhile still completes, with the default mapping of what its schema declares.
        PluginCatalog catalog = await catalogs.GetAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<OutputItem> items = await catalog.MapOutputsAsync(model, snapshot.Outputs, cancellationToken).ConfigureAwait(false)
            ?? snapshot.Outputs.Take(1).Select((model.Schema.Output ?? DeclaredOutput.Video).ItemFor).ToArray();
        if (items.Count == 0)
        {
            await context.FailAsync(job, ErrorCodes.NoOutput, "The provider reports the task completed but returned no output.", job.EstimateUsd ?? 0m, cancellationToken).ConfigureAwait(false);
            return;
        }

        var pending = items.Select((item, i) => new JobOutput(Redaction.Url(item.Url.ToString()), Destination(job, item, i), null, null, MediaFormats.ByExtension(item.FileExtension)?.ContentType)).ToArray();
        job = await context.TransitionAsync(job, JobState.Downloading, j => j with { Outputs = pending }, JobEventKind.Downloading, null, cancellationToken).ConfigureAwait(false);
        var done = new List<JobOutput>();
        var latest = new StrongBox<JobRecord>(job); // waiting for room writes the job: later writes build on that version
        for (int i = 0; i < items.Count; i++)
        {
            string path = pending[i].LocalPath!;
            try
            {
                DownloadedFile file = await DownloadWhenThereIsRoomAsync(latest, items[i].Url, path, cancellationToken).ConfigureAwait(false);
                if (MediaFormats.KindOf(file.ContentType) is MediaKind served && served != items[i].Kind)
                {
                    throw new InvalidDataException($"the provider served '{file.ContentType}', not the {items[i].Kind.ToString().ToLowerInvariant()} the model declares");
                }

                done.Add(pending[i] with { SizeBytes = file.SizeBytes, Sha256 = file.Sha256 });
            }
            catch (Exception ex) when (ex is ProviderException or HttpRequestException or IOException or InvalidDataException)
            {
                job = latest.Value!;
                context.Logger.LogWarning("Job {Job}: download failed: {Reason}", job.Id, ex.Message);
                await context.FailAsync(job, ErrorCodes.DownloadFailed,
                    $"The result could not be downloaded ({ex.Message}). It stays at the provider for 7 days as prediction {job.PredictionId}.", job.EstimateUsd ?? 0m, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        job = latest.Value!;
        decimal? cost = job.EstimateUsd;
        await context.TransitionAsync(job, JobState.Completed, j => j with { Outputs = done, Error = null, FinalCostUsd = cost, CostSource = cost is null ? "unknown" : "estimated" },
            JobEventKind.Completed, done[0].LocalPath, cancellationToken, settleUsd: cost ?? job.HoldUsd ?? 0m).ConfigureAwait(false);
    }

    // A disk that is full (or failing) is this host's condition, and the output waits at the provider for days: the
    // job stays Downloading, says why, and tries again with backoff until StorageRetryTimeout.
    private async Task<DownloadedFile> DownloadWhenThereIsRoomAsync(StrongBox<JobRecord> job, Uri url, string path, CancellationToken cancellationToken)
    {
        DateTimeOffset giveUpAt = context.Time.GetUtcNow() + context.Options.StorageRetryTimeout;
        ResiliencePipeline retry = new ResiliencePipelineBuilder { TimeProvider = context.Time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is LocalStorageException && context.Time.GetUtcNow() < giveUpAt),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = context.Options.StorageRetryDelay,
                MaxDelay = context.Options.StorageRetryMaxDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = async args => job.Value = await NoteStorageProblemAsync(job.Value!, (LocalStorageException)args.Outcome.Exception!, args.RetryDelay, cancellationToken).ConfigureAwait(false),
            })
            .Build();
        return await retry.ExecuteAsync(async token => await DownloadOnceAsync(job.Value!, url, path, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DownloadedFile> DownloadOnceAsync(JobRecord job, Uri url, string path, CancellationToken cancellationToken)
    {
        var progress = new Progress<long>(bytes => context.Events.Publish(new JobEvent(job.Id, JobEventKind.Downloading, JobState.Downloading, context.Time.GetUtcNow(), null, bytes)));
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (IOException ex)
        {
            throw new LocalStorageException(path, ex);
        }

        // Downloaded beside the destination under this lease's token, and moved into place only while the lease is
        // still held: a worker that lost the job never replaces what the new holder wrote.
        string staged = $"{path}.lease-{context.Leases.Get(job.Id).Token}";
        DownloadedFile file = await context.Provider.DownloadAsync(url, staged, progress, cancellationToken).ConfigureAwait(false);
        if (!context.Leases.IsHeld(job.Id))
        {
            File.Delete(staged);
            throw new JobLeaseLostException(job.Id, "lost while downloading");
        }

        try
        {
            File.Move(staged, path, overwrite: true);
            DeleteStaleStaging(path);
        }
        catch (IOException ex)
        {
            throw new LocalStorageException(path, ex);
        }

        return file;
    }

    // The job's record says what is wrong while it waits. The store may sit on the same full disk: then the event
    // and the log say it, and the record catches up on the next write that succeeds.
    private async Task<JobRecord> NoteStorageProblemAsync(JobRecord job, LocalStorageException problem, TimeSpan retryIn, CancellationToken cancellationToken)
    {
        string code = problem.IsOutOfSpace ? ErrorCodes.StorageFull : ErrorCodes.StorageError;
        string message = (problem.IsOutOfSpace ? "The output folder's disk is full" : "The output could not be written")
            + $" ({problem.Message}). The job waits and tries again in {retryIn.TotalSeconds:0.#} s; the result stays at the provider meanwhile.";
        context.Logger.LogWarning("Job {Job}: {Message}", job.Id, message);
        context.Events.Publish(new JobEvent(job.Id, JobEventKind.Downloading, JobState.Downloading, context.Time.GetUtcNow(), message));
        if (job.Error?.Code == code)
        {
            return job;
        }

        try
        {
            return await context.WriteAsync(job with { Error = new JobError(code, message), UpdatedAt = context.Time.GetUtcNow() }, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFailure.IsTransient(ex))
        {
            context.Logger.LogWarning("Job {Job}: the store could not record the storage problem either ({Reason})", job.Id, ex.Message);
            return job;
        }
    }

    private string Destination(JobRecord job, OutputItem item, int index) =>
        index == 0 && job.OutputPath is not null
            ? job.OutputPath
            : Path.Combine(context.Options.Outputs, job.Id, $"output-{index}{item.FileExtension}");

    // What an earlier holder (killed mid-download) left beside the destination under its own token.
    private static void DeleteStaleStaging(string path)
    {
        foreach (string stale in Directory.EnumerateFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".lease-*"))
        {
            File.Delete(stale);
        }
    }
}
