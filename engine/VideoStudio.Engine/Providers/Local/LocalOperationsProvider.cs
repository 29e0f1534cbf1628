using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Providers.Local.Operations;

namespace VideoStudio.Engine.Providers.Local;

/// <summary>
/// The second provider adapter: operations on the creator's own clips run on this machine with FFmpeg (the
/// <c>videostudio.edit</c> plugin's models). Free, so nothing is billed and a task lost to a crash is simply run
/// again: a task is a folder (<c>tasks/&lt;id&gt;/task.json</c>) written before the submission is answered, and a
/// task still marked processing that no process is running (its run lock free) is re-run when it is next read.
/// Reads only its own uploads and outputs; every FFmpeg argument is its own argv entry; runs are bounded in time,
/// output size and number at once by <see cref="LocalOperationsOptions"/>. Without FFmpeg, submissions are refused
/// with the reason (<see cref="UnavailableReasonAsync"/>) and nothing else changes.
/// </summary>
public sealed class LocalOperationsProvider : IVideoProvider, IProviderCharges, IProviderReadiness, IDisposable
{
    /// <summary>The provider name models give in their manifest.</summary>
    public const string ProviderName = Plugins.ModelDefinition.LocalProvider;

    /// <summary>
    /// The scheme of this adapter's URLs (<c>local://uploads/&lt;sha256&gt;.mp4</c>, <c>local://tasks/&lt;id&gt;/output.mp4</c>):
    /// opaque, so no answer or job record carries a server path, and routed back here by the router.
    /// </summary>
    public const string UrlScheme = "local";

    private readonly LocalOperationsOptions options;
    private readonly TimeProvider time;
    private readonly FfmpegRunner ffmpeg;
    private readonly Dictionary<string, LocalOperation> operations;
    private readonly string root;
    private readonly SemaphoreSlim gate;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<string, Task> running = new(StringComparer.Ordinal);
    private volatile bool available;
    private (string Reason, DateTimeOffset At)? lastMissing;

    /// <summary>Creates the adapter over <see cref="LocalOperationsOptions.WorkDirectory"/> (which must be set).</summary>
    public LocalOperationsProvider(LocalOperationsOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        root = Path.GetFullPath(options.WorkDirectory ?? throw new ArgumentException("The work directory is not set.", nameof(options)));
        ffmpeg = new FfmpegRunner(options);
        gate = new SemaphoreSlim(options.MaxConcurrentRuns, options.MaxConcurrentRuns);
        operations = BuiltIn.ToDictionary(o => o.ModelId, StringComparer.Ordinal);
        Metadata = new VideoProviderMetadata(ProviderName, "local:" + Environment.MachineName);
    }

    /// <summary>The operations this adapter runs, one per model of the <c>videostudio.edit</c> plugin.</summary>
    public static IReadOnlyList<LocalOperation> BuiltIn { get; } =
        [new Trim(), new Speed(), new Aspect(), new Resize(), new Compress(), new ConvertFormat(), new Gif(), new TextOverlay(), new Captions(),
            new Volume(), new Loudness(), new Soundtrack(), new Poster(), new Concat(), new Social()];

    /// <inheritdoc />
    public VideoProviderMetadata Metadata { get; }

    private string Uploads => Path.Combine(root, "uploads");

    private string Tasks => Path.Combine(root, "tasks");

    /// <summary>Null when FFmpeg and FFprobe run; else why these models are unavailable on this host, in one line.</summary>
    public async Task<string?> UnavailableReasonAsync(CancellationToken cancellationToken)
    {
        if (available)
        {
            return null;
        }

        // A missing FFmpeg is looked for again at most every 30 s (it may be installed meanwhile), not on every catalog read.
        DateTimeOffset now = time.GetUtcNow();
        if (lastMissing is { } last && now - last.At < TimeSpan.FromSeconds(30))
        {
            return last.Reason;
        }

        string? reason = await ffmpeg.CheckAsync(cancellationToken).ConfigureAwait(false);
        available = reason is null;
        lastMissing = reason is null ? null : (reason, now);
        return reason;
    }

    /// <inheritdoc />
    public async Task<ProviderTask> SubmitAsync(string modelId, JsonObject input, Uri? webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await UnavailableReasonAsync(cancellationToken).ConfigureAwait(false) is { } missing)
        {
            throw new ProviderException(ProviderErrorKind.ProviderFailure, missing, nothingCreated: true);
        }

        LocalOperation operation = operations.GetValueOrDefault(modelId)
            ?? throw new ProviderException(ProviderErrorKind.InvalidRequest, $"'{modelId}' is not a local operation.", nothingCreated: true);
        var task = new LocalTask(Guid.CreateVersion7(time.GetUtcNow()).ToString("N"), modelId, (JsonObject)input.DeepClone(), time.GetUtcNow(), ProviderTaskStatus.Processing, [], null, null);
        string directory = Path.Combine(Tasks, task.Id);
        Directory.CreateDirectory(directory);
        try
        {
            await PrepareAsync(operation, task, directory, cancellationToken).ConfigureAwait(false); // the input is checked before anything is accepted
        }
        catch (LocalOperationException ex)
        {
            Directory.Delete(directory, recursive: true);
            throw new ProviderException(ProviderErrorKind.InvalidRequest, ex.Message, nothingCreated: true);
        }

        await task.WriteAsync(TaskFile(task.Id), cancellationToken).ConfigureAwait(false);
        Start(task.Id);
        return task.ToProviderTask();
    }

    /// <inheritdoc />
    public async Task<ProviderTask> GetResultAsync(string taskId, CancellationToken cancellationToken)
    {
        LocalTask task = await ReadAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task.Status == ProviderTaskStatus.Processing && !running.ContainsKey(task.Id))
        {
            Start(task.Id); // free work whose run was lost (a crash, a stop): run it again
        }

        return task.ToProviderTask();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProviderTask>> ListTasksAsync(ProviderTaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!Directory.Exists(Tasks))
        {
            return [];
        }

        var found = new List<ProviderTask>();
        foreach (string directory in Directory.EnumerateDirectories(Tasks).Order(StringComparer.Ordinal).Reverse().Take(Math.Max(query.PageSize, 1) * 5))
        {
            if (await LocalTask.ReadAsync(Path.Combine(directory, "task.json"), cancellationToken).ConfigureAwait(false) is { } task
                && (query.Model is null || task.Model == query.Model)
                && (query.CreatedAfter is null || task.CreatedAt >= query.CreatedAfter)
                && (query.CreatedBefore is null || task.CreatedAt <= query.CreatedBefore))
            {
                found.Add(task.ToProviderTask());
            }
        }

        return found;
    }

    /// <summary>Copies the file into this adapter's uploads (named by its SHA-256, so the same file is kept once) and returns its <c>local:</c> URL.</summary>
    public async Task<Uri> UploadAsync(string localPath, IProgress<long>? bytesSent, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Uploads);
        string extension = Path.GetExtension(localPath).ToLowerInvariant();
        extension = extension.Length is > 1 and <= 9 && extension.Skip(1).All(char.IsAsciiLetterOrDigit) ? extension : ".bin";
        string staged = Path.Combine(Uploads, Guid.NewGuid().ToString("N") + ".part");
        DownloadedFile copy;
        try
        {
            copy = await CopyAsync(localPath, staged, bytesSent, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            throw new ProviderException(ProviderErrorKind.InvalidRequest, $"There is no file {Path.GetFileName(localPath)} to upload.", nothingCreated: true);
        }

        string path = Path.Combine(Uploads, copy.Sha256 + extension);
        File.Move(staged, path, overwrite: true);
        return UrlOf(path);
    }

    /// <summary>Copies one of this adapter's own files (an output or an upload) to <paramref name="destinationPath"/>, hashing it.</summary>
    public async Task<DownloadedFile> DownloadAsync(Uri url, string destinationPath, IProgress<long>? bytesReceived, CancellationToken cancellationToken)
    {
        string source = LocalPathOf(url) ?? throw new ProviderException(ProviderErrorKind.InvalidRequest, "Local operations hand out only their own uploads and outputs.");
        if (!File.Exists(source))
        {
            throw new ProviderException(ProviderErrorKind.NotFound, $"{Path.GetFileName(source)} is no longer kept by local operations.");
        }

        string staged = destinationPath + ".part";
        DownloadedFile file = await CopyAsync(source, staged, bytesReceived, cancellationToken).ConfigureAwait(false);
        File.Move(staged, destinationPath, overwrite: true);
        return file;
    }

    /// <summary>Nothing is billed for local work: a known charge of $0 for any task this adapter has.</summary>
    public async Task<decimal?> GetChargeAsync(string taskId, CancellationToken cancellationToken)
    {
        await ReadAsync(taskId, cancellationToken).ConfigureAwait(false);
        return 0m;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null; // charges ($0) and readiness are this adapter's own
    }

    /// <summary>Stops the runs in progress; their tasks stay processing and run again when next read.</summary>
    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    private void Start(string taskId) =>
        running.GetOrAdd(taskId, id => Task.Run(() => RunAsync(id)));

    private async Task RunAsync(string taskId)
    {
        CancellationToken token = stopping.Token;
        try
        {
            await gate.WaitAsync(token).ConfigureAwait(false);
            try
            {
                string directory = Path.Combine(Tasks, taskId);
                using FileStream? runLock = TryLock(directory);
                if (runLock is not null && await LocalTask.ReadAsync(TaskFile(taskId), token).ConfigureAwait(false) is { Status: ProviderTaskStatus.Processing } task)
                {
                    LocalTask done = await ExecuteAsync(task, directory, token).ConfigureAwait(false);
                    await done.WriteAsync(TaskFile(taskId), CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                gate.Release();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping: the task stays processing and runs again when next read.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while waiting for a turn: as above.
        }
        finally
        {
            running.TryRemove(taskId, out _);
        }
    }

    private async Task<LocalTask> ExecuteAsync(LocalTask task, string directory, CancellationToken cancellationToken)
    {
        LocalOperation operation = operations[task.Model];
        string? reason;
        ProviderErrorKind kind = ProviderErrorKind.ProviderFailure;
        string output = Path.Combine(directory, "output" + operation.OutputExtension(task.Input));
        string partial = Path.Combine(directory, "partial" + operation.OutputExtension(task.Input));
        try
        {
            (OperationContext context, IReadOnlyList<string> arguments) = await PrepareAsync(operation, task, directory, cancellationToken, partial).ConfigureAwait(false);
            reason = await ffmpeg.RunAsync([.. arguments.SkipLast(1), "-fs", options.MaxOutputBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), arguments[^1]], cancellationToken).ConfigureAwait(false);
            if (reason is null)
            {
                long bytes = new FileInfo(partial).Length;
                reason = bytes >= options.MaxOutputBytes
                    ? $"The output reached the {options.MaxOutputBytes} bytes allowed (VideoStudio:LocalOperations:MaxOutputBytes) and was cut; nothing was kept."
                    : operation.CheckOutput(MediaFacts.Parse(await ffmpeg.ProbeAsync(partial, cancellationToken).ConfigureAwait(false), bytes), context);
            }
        }
        catch (LocalOperationException ex)
        {
            (reason, kind) = (ex.Message, ProviderErrorKind.InvalidRequest);
        }

        if (reason is not null)
        {
            File.Delete(partial); // the inputs stay: a failed run changes nothing the caller gave
            return task with { Status = ProviderTaskStatus.Failed, Error = reason, ErrorKind = kind };
        }

        File.Move(partial, output, overwrite: true);
        return task with { Status = ProviderTaskStatus.Completed, Outputs = [UrlOf(output).AbsoluteUri] };
    }

    // Resolves the media fields to this adapter's own files, probes them and builds FFmpeg's arguments.
    private async Task<(OperationContext Context, IReadOnlyList<string> Arguments)> PrepareAsync(
        LocalOperation operation, LocalTask task, string directory, CancellationToken cancellationToken, string? output = null)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var facts = new Dictionary<string, MediaFacts>(StringComparer.Ordinal);
        foreach (string field in operation.MediaFields)
        {
            if (task.Input[field] is null)
            {
                continue;
            }

            string value = task.Input[field] is JsonValue v && v.TryGetValue(out string? s) ? s : throw new LocalOperationException($"'{field}' must be a file.");
            string path = (Uri.TryCreate(value, UriKind.Absolute, out Uri? url) ? LocalPathOf(url) : null)
                ?? throw new LocalOperationException($"'{field}': local operations read only uploads and job outputs, not '{UrlRedactor.Redact(value)}'.");
            if (!File.Exists(path))
            {
                throw new LocalOperationException($"'{field}': {Path.GetFileName(path)} is no longer kept; upload it again.");
            }

            files[field] = path;
            facts[field] = MediaFacts.Parse(await ffmpeg.ProbeAsync(path, cancellationToken).ConfigureAwait(false), new FileInfo(path).Length);
        }

        var context = new OperationContext(task.Input, files, facts, directory, output ?? Path.Combine(directory, "partial" + operation.OutputExtension(task.Input)));
        return (context, operation.Arguments(context));
    }

    /// <summary>The file a <c>local:</c> URL of this adapter names (an upload or a task's file); null for any other URL.</summary>
    public string? LocalPathOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme != UrlScheme || url.Host is not ("uploads" or "tasks"))
        {
            return null;
        }

        string folder = url.Host == "uploads" ? Uploads : Tasks;
        string path = Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(url.AbsolutePath).TrimStart('/')));
        return path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : null;
    }

    private Uri UrlOf(string path) => new($"{UrlScheme}://{Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/')}");

    private async Task<LocalTask> ReadAsync(string taskId, CancellationToken cancellationToken) =>
        taskId.Length == 32 && taskId.All(char.IsAsciiHexDigitLower) && await LocalTask.ReadAsync(TaskFile(taskId), cancellationToken).ConfigureAwait(false) is { } task
            ? task
            : throw new ProviderException(ProviderErrorKind.NotFound, $"There is no local task '{taskId}'.");

    private string TaskFile(string taskId) => Path.Combine(Tasks, taskId, "task.json");

    // Held for the run: a second process reading the same processing task finds it taken and leaves it be.
    private static FileStream? TryLock(string directory)
    {
        try
        {
            return new FileStream(Path.Combine(directory, "run.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task<DownloadedFile> CopyAsync(string source, string destination, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[81920];
        long total = 0;
        await using (FileStream input = new(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true))
        {
            try
            {
                await using FileStream output = new(destination, FileMode.Create, FileAccess.Write, FileShare.None, 1, useAsync: true);
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    total += read;
                    progress?.Report(total);
                }
            }
            catch (IOException ex) when (ex is not FileNotFoundException)
            {
                throw new LocalStorageException(destination, ex);
            }
        }

        return new DownloadedFile(total, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
