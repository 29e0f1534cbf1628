using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Providers;

/// <summary>
/// The one seam between the jobs and whoever runs the models: submit a task once, read its result and history, move
/// files in and out. What not every provider has is an optional capability reached through <see cref="GetService"/>
/// (<c>provider.GetService&lt;IProviderQuotes&gt;()</c>): live quotes (<see cref="IProviderQuotes"/>), billed charges
/// (<see cref="IProviderCharges"/>), a live catalogue (<see cref="IProviderCatalog"/>) and signed webhooks
/// (<see cref="IProviderWebhooks"/>). Vendor-neutral in the way <c>IChatClient</c> is: every provider's wire
/// format, error codes and transport flags stay in its adapter (<c>Providers/WaveSpeed/</c> is the only one), and
/// what cuts across calls (telemetry, logging) is a <see cref="DelegatingVideoProvider"/> composed by
/// <see cref="VideoProviderBuilder"/>. Failures are <see cref="ProviderException"/> with a
/// <see cref="ProviderErrorKind"/>, or <see cref="SubmissionOutcomeUnknownException"/> when a paid task may exist.
/// Implementations never put keys or signed URLs in messages or logs.
/// </summary>
public interface IVideoProvider
{
    /// <summary>Who this provider is, and which account its tasks live in.</summary>
    VideoProviderMetadata Metadata { get; }

    /// <summary>
    /// Creates a paid task, at most once: re-sent only when the failure proves the request never arrived.
    /// <paramref name="input"/> is the model's input as the catalog validated it; the adapter adds its own transport flags.
    /// </summary>
    /// <param name="modelId">The catalog's model id.</param>
    /// <param name="input">The validated input (media already as URLs).</param>
    /// <param name="webhook">Where the provider should announce completion, or null to rely on polling.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="SubmissionOutcomeUnknownException">The answer was lost or ambiguous: a paid task may exist, so reconcile, never re-send.</exception>
    /// <exception cref="ProviderException">The provider refused it; <see cref="ProviderException.NothingCreated"/> says whether it may be sent again.</exception>
    Task<ProviderTask> SubmitAsync(string modelId, JsonObject input, Uri? webhook, CancellationToken cancellationToken);

    /// <summary>Reads a task's state (transient failures retried by the adapter).</summary>
    /// <exception cref="ProviderException">Unknown task (<see cref="ProviderErrorKind.NotFound"/>), refused key, or retries exhausted.</exception>
    Task<ProviderTask> GetResultAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>Recent tasks of the account, with their inputs where the provider echoes them: how a lost submission is reconciled.</summary>
    Task<IReadOnlyList<ProviderTask>> ListTasksAsync(ProviderTaskQuery query, CancellationToken cancellationToken);

    /// <summary>Uploads a local file and returns the URL to pass as a model input (free: the adapter retries transient failures).</summary>
    Task<Uri> UploadAsync(string localPath, IProgress<long>? bytesSent, CancellationToken cancellationToken);

    /// <summary>Streams an output to <paramref name="destinationPath"/> (temporary name, then rename), hashing it as it arrives and resuming a broken transfer.</summary>
    /// <returns>The bytes written and their SHA-256.</returns>
    /// <exception cref="Common.LocalStorageException">The local disk could not take the file (full, or another I/O error).</exception>
    Task<DownloadedFile> DownloadAsync(Uri url, string destinationPath, IProgress<long>? bytesReceived, CancellationToken cancellationToken);

    /// <summary>
    /// An object of <paramref name="serviceType"/> this provider or one it wraps offers (an optional capability such as
    /// <see cref="IProviderQuotes"/>, the adapter itself, …), or null: how a caller reaches past decorators without knowing them, as in <c>IChatClient.GetService</c>.
    /// </summary>
    object? GetService(Type serviceType, object? serviceKey = null);
}
