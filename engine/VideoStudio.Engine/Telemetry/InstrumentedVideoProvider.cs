using System.Diagnostics;
using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Telemetry;

/// <summary>
/// A delegating decorator that gives every provider call a span (<c>{operation} {model}</c>, kind Client) and a
/// duration, and counts submissions by outcome, result reads and errors by kind; the optional capabilities it traces
/// (charges, quotes, catalogue) are offered only where the inner provider has them. It sees only what the caller
/// passes, and tags no URL, input or key.
/// </summary>
internal sealed class InstrumentedVideoProvider(IVideoProvider inner, VideoStudioMetrics metrics, TimeProvider time) : DelegatingVideoProvider(inner), IProviderCharges, IProviderQuotes, IProviderCatalog
{
    /// <inheritdoc />
    public override async Task<ProviderTask> SubmitAsync(string modelId, JsonObject input, Uri? webhook, CancellationToken cancellationToken)
    {
        string outcome = "unknown";
        try
        {
            ProviderTask snapshot = await TraceAsync("submit", modelId, () => InnerProvider.SubmitAsync(modelId, input, webhook, cancellationToken)).ConfigureAwait(false);
            outcome = "accepted";
            return snapshot;
        }
        catch (ProviderException)
        {
            outcome = "refused";
            throw;
        }
        finally
        {
            metrics.Submitted(modelId, outcome);
        }
    }

    /// <inheritdoc />
    public override Task<ProviderTask> GetResultAsync(string taskId, CancellationToken cancellationToken)
    {
        metrics.ResultPolled();
        return TraceAsync("result", null, () => InnerProvider.GetResultAsync(taskId, cancellationToken));
    }

    /// <inheritdoc />
    public override Task<IReadOnlyList<ProviderTask>> ListTasksAsync(ProviderTaskQuery query, CancellationToken cancellationToken) =>
        TraceAsync("history", query.Model, () => InnerProvider.ListTasksAsync(query, cancellationToken));

    /// <inheritdoc />
    public override Task<Uri> UploadAsync(string localPath, IProgress<long>? bytesSent, CancellationToken cancellationToken) =>
        TraceAsync("upload", null, () => InnerProvider.UploadAsync(localPath, bytesSent, cancellationToken));

    /// <inheritdoc />
    public override Task<DownloadedFile> DownloadAsync(Uri url, string destinationPath, IProgress<long>? bytesReceived, CancellationToken cancellationToken) =>
        TraceAsync("download", null, () => InnerProvider.DownloadAsync(url, destinationPath, bytesReceived, cancellationToken));

    /// <inheritdoc />
    public Task<decimal?> GetChargeAsync(string taskId, CancellationToken cancellationToken) =>
        TraceAsync("billing", null, () => Inner<IProviderCharges>().GetChargeAsync(taskId, cancellationToken));

    /// <inheritdoc />
    public Task<decimal?> QuoteAsync(string modelId, JsonObject input, CancellationToken cancellationToken) =>
        TraceAsync("quote", modelId, () => Inner<IProviderQuotes>().QuoteAsync(modelId, input, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<LiveModel>> GetModelsAsync(CancellationToken cancellationToken) =>
        TraceAsync("models", null, () => Inner<IProviderCatalog>().GetModelsAsync(cancellationToken));

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        // A traced capability is offered only where the inner provider has it: this decorator adds no capability.
        ArgumentNullException.ThrowIfNull(serviceType);
        bool traced = serviceType == typeof(IProviderCharges) || serviceType == typeof(IProviderQuotes) || serviceType == typeof(IProviderCatalog);
        return traced && serviceKey is null
            ? InnerProvider.GetService(serviceType) is null ? null : this
            : base.GetService(serviceType, serviceKey);
    }

    private T Inner<T>()
        where T : class =>
        InnerProvider.GetService<T>() ?? throw new InvalidOperationException($"The provider has no {typeof(T).Name}.");

    private async Task<T> TraceAsync<T>(string operation, string? model, Func<Task<T>> call)
    {
        using Activity? activity = VideoStudioTelemetry.Source.StartActivity(model is null ? operation : $"{operation} {model}", ActivityKind.Client);
        activity?.SetTag(TelemetryTags.Operation, operation);
        activity?.SetTag(TelemetryTags.Provider, Metadata.Name);
        activity?.SetTag(TelemetryTags.Model, model);
        long started = time.GetTimestamp();
        string? error = null;
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            error = ex switch
            {
                ProviderException w => VideoStudioMetrics.Wire(w.Kind),
                SubmissionOutcomeUnknownException => "outcome-unknown",
                OperationCanceledException => "cancelled",
                _ => ex.GetType().Name,
            };
            activity?.SetTag(TelemetryTags.ErrorType, error);
            activity?.SetStatus(ActivityStatusCode.Error, error);
            throw;
        }
        finally
        {
            metrics.ProviderCall(operation, model, time.GetElapsedTime(started).TotalSeconds, error);
        }
    }
}
