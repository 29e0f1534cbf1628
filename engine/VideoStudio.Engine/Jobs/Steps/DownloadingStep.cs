using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Jobs.Steps;

/// <summary>
/// Downloading: takes the output URLs (they expire after 7 days) from the answer the processing step read, or reads
/// the result once after a takeover, maps them (<see cref="JobOutputs"/>), downloads each hashed while streaming
/// into a staging file named by this lease's fencing token, and moves it into place only after a fenced write proves
/// the lease. A full disk is waited out (the job says why) until <see cref="JobOptions.StorageRetryTimeout"/>.
/// </summary>
internal sealed class DownloadingStep(IVideoProvider provider, JobOutputs outputs, TimeProvider time, IOptions<JobOptions> options, JobEventHub events, ILogger<DownloadingStep> logger) : IJobStep
{
    /// <inheritdoc />
    public async Task<StepResult> RunAsync(StepContext step, CancellationToken cancellationToken)
    {
        JobRecord job = step.Job;
        IReadOnlyList<OutputItem> items;
        try
        {
            ProviderTask task = step.Answer is { Status: ProviderTaskStatus.Completed } answer && answer.Id == job.PredictionId
                ? answer
                : await provider.GetResultAsync(job.PredictionId!, cancellationToken).ConfigureAwait(false);
            if (step.Plan.Model.Schema.Output.IsText)
            {
                return await SaveTextAsync(step, task.Outputs, cancellationToken).ConfigureAwait(false);
            }

            items = await outputs.MapAsync(step.Plan.Model, task, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ProviderException or HttpRequestException)
        {
            return Failed(job, ex);
        }

        if (items.Count == 0)
        {
            return StepResult.Fail(job, ErrorCodes.NoOutput, "The provider reports the task completed but returned no output.", job.EstimateUsd ?? 0m, time.GetUtcNow());
        }

        IReadOnlyList<JobOutput> pending = outputs.Pending(job, items);
        var done = new List<JobOutput>();
        for (int i = 0; i < items.Count; i++)
        {
            try
            {
                DownloadedFile file = await DownloadAsync(job, items[i], pending[i].LocalPath!, step.Fence, cancellationToken).ConfigureAwait(false);
                done.Add(pending[i] with { SizeBytes = file.SizeBytes, Sha256 = file.Sha256 });
            }
            catch (LocalStorageException ex) when (time.GetUtcNow() < StartedAt(job) + options.Value.StorageRetryTimeout)
            {
                return WaitForRoom(job, ex, step.Attempt);
            }
            catch (Exception ex) when (ex is ProviderException or HttpRequestException or IOException or InvalidDataException)
            {
                return Failed(job, ex);
            }
        }

        return Completed(job, done);
    }

    private Advance Completed(JobRecord job, IReadOnlyList<JobOutput> done)
    {
        decimal? cost = job.EstimateUsd;
        DateTimeOffset now = time.GetUtcNow();
        return new Advance(job.MoveTo(JobState.Completed, now) with { Outputs = done, Error = null, FinalCostUsd = cost, CostSource = cost is null ? "unknown" : job.EstimateSource == CostSources.Free ? CostSources.Free : "estimated" },
            JobEventKind.Completed, JobEvent.CompletedMessage(done))
        {
            SettleUsd = cost ?? job.HoldUsd ?? 0m,
        };
    }

    // A text answer (a prompt optimizer's) is the output itself: written to its .txt file the way a download is
    // (staged under this lease's token, moved into place after the fence) and kept on the record to be shown.
    private async Task<StepResult> SaveTextAsync(StepContext step, IReadOnlyList<string> answer, CancellationToken cancellationToken)
    {
        JobRecord job = step.Job;
        if (answer is not [string text, ..] || text.Length == 0)
        {
            return StepResult.Fail(job, ErrorCodes.NoOutput, "The provider reports the task completed but returned no text.", job.EstimateUsd ?? 0m, time.GetUtcNow());
        }

        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
        if (bytes.Length > JobOutputs.MaxTextBytes)
        {
            return Failed(job, new InvalidDataException($"the provider's text is {bytes.Length} bytes, more than the {JobOutputs.MaxTextBytes} kept"));
        }

        JobOutput pending = outputs.PendingText(job, text);
        string path = pending.LocalPath!;
        string staged = StagingPath(path, step.Fence.Lease.Token);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(staged, bytes, cancellationToken).ConfigureAwait(false);
            await step.Fence.ConfirmAsync(cancellationToken).ConfigureAwait(false);
            File.Move(staged, path, overwrite: true);
            DeleteOlderStaging(path, step.Fence.Lease.Token);
        }
        catch (IOException ex) when (time.GetUtcNow() < StartedAt(job) + options.Value.StorageRetryTimeout)
        {
            return WaitForRoom(job, new LocalStorageException(path, ex), step.Attempt);
        }

        return Completed(job, [pending with { SizeBytes = bytes.Length, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) }]);
    }

    // Staged under this lease's token; moved into place (and older holders' leftovers deleted) only after the store
    // confirms the lease, so a worker that lost the job never replaces what the new holder wrote.
    private async Task<DownloadedFile> DownloadAsync(JobRecord job, OutputItem item, string path, LeaseFence fence, CancellationToken cancellationToken)
    {
        string staged = StagingPath(path, fence.Lease.Token);
        var progress = new Progress<long>(bytes => events.Publish(new JobEvent(job.Id, JobEventKind.Downloading, JobState.Downloading, time.GetUtcNow(), null, bytes)));
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (IOException ex)
        {
            throw new LocalStorageException(path, ex);
        }

        DownloadedFile file = await provider.DownloadAsync(item.Url, staged, progress, cancellationToken).ConfigureAwait(false);
        if (MediaFormats.KindOf(file.ContentType) is MediaKind served && served != item.Kind)
        {
            File.Delete(staged);
            throw new InvalidDataException($"the provider served '{file.ContentType}', not the {item.Kind.ToString().ToLowerInvariant()} the model declares");
        }

        await fence.ConfirmAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            File.Move(staged, path, overwrite: true);
            DeleteOlderStaging(path, fence.Lease.Token);
        }
        catch (IOException ex)
        {
            throw new LocalStorageException(path, ex);
        }

        return file;
    }

    /// <summary>Where the holder with fencing token <paramref name="token"/> stages the download of <paramref name="path"/>.</summary>
    public static string StagingPath(string path, long token) => $"{path}.lease-{token}";

    // A lower token's holder can never confirm its lease again, so what it left is garbage; a higher token's file is
    // a newer holder's and is never touched.
    private static ReadOnlySpan<char> TokenDigits(string file)
    {
        ReadOnlySpan<char> rest = file.AsSpan(file.LastIndexOf(".lease-", StringComparison.Ordinal) + ".lease-".Length);
        int end = 0;
        while (end < rest.Length && char.IsAsciiDigit(rest[end]))
        {
            end++;
        }

        return rest[..end];
    }

    private static void DeleteOlderStaging(string path, long token)
    {
        foreach (string file in Directory.EnumerateFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".lease-*"))
        {
            // The token is the digits after ".lease-" (a transfer in progress adds ".part" after them).
            if (long.TryParse(TokenDigits(file), out long other) && other < token)
            {
                File.Delete(file);
            }
        }
    }

    // A disk that is full (or failing) is this host's condition, and the output waits at the provider for days.
    private Wait WaitForRoom(JobRecord job, LocalStorageException problem, int attempt)
    {
        TimeSpan retryIn = ProviderErrors.Backoff(options.Value.StorageRetryDelay, options.Value.StorageRetryMaxDelay, attempt);
        string code = problem.IsOutOfSpace ? ErrorCodes.StorageFull : ErrorCodes.StorageError;
        string message = (problem.IsOutOfSpace ? "The output folder's disk is full" : "The output could not be written")
            + $" ({problem.Message}). The job waits and tries again in {retryIn.TotalSeconds:0.#} s; the result stays at the provider meanwhile.";
        logger.LogWarning("Job {Job}: {Message}", job.Id, message);
        events.Publish(new JobEvent(job.Id, JobEventKind.Downloading, JobState.Downloading, time.GetUtcNow(), message));
        return new Wait(time.GetUtcNow() + retryIn, message, new JobError(code, message));
    }

    private Advance Failed(JobRecord job, Exception ex)
    {
        logger.LogWarning("Job {Job}: download failed: {Reason}", job.Id, ex.Message);
        return StepResult.Fail(job, ErrorCodes.DownloadFailed,
            $"The result could not be downloaded ({ex.Message}). It stays at the provider for 7 days as prediction {job.PredictionId}.", job.EstimateUsd ?? 0m, time.GetUtcNow());
    }

    private static DateTimeOffset StartedAt(JobRecord job) => job.Transitions.LastOrDefault(t => t.State == JobState.Downloading)?.At ?? job.UpdatedAt;
}
