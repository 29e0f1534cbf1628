using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Providers;

/// <summary>
/// A provider that passes every call to an inner one: the base of every decorator (telemetry, logging), as
/// <c>DelegatingChatClient</c> is in Microsoft.Extensions.AI. Override only the calls a decorator cares about.
/// Optional capabilities (<see cref="IProviderQuotes"/>, …) pass through <see cref="GetService"/> to the inner provider.
/// </summary>
/// <param name="innerProvider">The provider calls go to.</param>
public abstract class DelegatingVideoProvider(IVideoProvider innerProvider) : IVideoProvider
{
    /// <summary>The provider calls go to.</summary>
    protected IVideoProvider InnerProvider { get; } = innerProvider ?? throw new ArgumentNullException(nameof(innerProvider));

    /// <inheritdoc />
    public virtual VideoProviderMetadata Metadata => InnerProvider.Metadata;

    /// <inheritdoc />
    public virtual Task<ProviderTask> SubmitAsync(string modelId, JsonObject input, Uri? webhook, CancellationToken cancellationToken) =>
        InnerProvider.SubmitAsync(modelId, input, webhook, cancellationToken);

    /// <inheritdoc />
    public virtual Task<ProviderTask> GetResultAsync(string taskId, CancellationToken cancellationToken) => InnerProvider.GetResultAsync(taskId, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<ProviderTask>> ListTasksAsync(ProviderTaskQuery query, CancellationToken cancellationToken) =>
        InnerProvider.ListTasksAsync(query, cancellationToken);

    /// <inheritdoc />
    public virtual Task<Uri> UploadAsync(string localPath, IProgress<long>? bytesSent, CancellationToken cancellationToken) =>
        InnerProvider.UploadAsync(localPath, bytesSent, cancellationToken);

    /// <inheritdoc />
    public virtual Task<DownloadedFile> DownloadAsync(Uri url, string destinationPath, IProgress<long>? bytesReceived, CancellationToken cancellationToken) =>
        InnerProvider.DownloadAsync(url, destinationPath, bytesReceived, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : InnerProvider.GetService(serviceType, serviceKey);
    }
}
