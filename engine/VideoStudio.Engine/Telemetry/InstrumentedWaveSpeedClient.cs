using System.Diagnostics;
using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Engine.Telemetry;

/// <summary>
/// A delegating decorator that gives every provider call a span (<c>{operation} {model}</c>, kind Client) and a
/// duration, and counts submissions by outcome, result reads and errors by kind. It sees only what the caller
/// passes, and tags no URL, input or key.
/// </summary>
public sealed class InstrumentedWaveSpeedClient(IWaveSpeedClient inner, VideoStudioMetrics metrics, TimeProvider time) : IWaveSpeedClient
{
    /// <inheritdoc />
    public async Task<PredictionSnapshot> SubmitAsync(string modelId, JsonObject input, Uri? webhook, CancellationToken cancellationToken)
    {
        string outcome = "unknown";
        try
        {
            PredictionSnapshot snapshot = await TraceAsync("submit", modelId, () => inner.SubmitAsync(modelId, input, webhook, cancellationToken)).ConfigureAwait(false);
            outcome = "accepted";
            return snapshot;
        }
        catch (WaveSpeedException)
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
    public Task<PredictionSnapshot> GetResultAsync(string predictionId, CancellationToken cancellationToken)
    {
        metrics.ResultPolled();
        return TraceAsync("result", null, () => inner.GetResultAsync(predictionId, cancellationToken));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PredictionSnapshot>> ListPredictionsAsync(PredictionQuery query, CancellationToken cancellationToken) =>
        TraceAsync("history", query.Model, () => inner.ListPredictionsAsync(query, cancellationToken));

    /// <inheritdoc />
    public Task<Uri> UploadAsync(string localPath, IProgress<long>? bytesSent, CancellationToken cancellationToken) =>
        TraceAsync("upload", null, () => inner.UploadAsync(localPath, bytesSent, cancellationToken));

    /// <inheritdoc />
    public Task<DownloadedFile> DownloadAsync(Uri url, string destinationPath, IProgress<long>? bytesReceived, CancellationToken cancellationToken) =>
        TraceAsync("download", null, () => inner.DownloadAsync(url, destinationPath, bytesReceived, cancellationToken));

    /// <inheritdoc />
    public Task<decimal?> GetChargeAsync(string predictionId, CancellationToken cancellationToken) =>
        TraceAsync("billing", null, () => inner.GetChargeAsync(predictionId, cancellationToken));

    /// <inheritdoc />
    public Task<decimal> GetBalanceAsync(CancellationToken cancellationToken) => TraceAsync("balance", null, () => inner.GetBalanceAsync(cancellationToken));

    /// <inheritdoc />
    public Task<decimal?> QuoteAsync(string modelId, JsonObject input, CancellationToken cancellationToken) =>
        TraceAsync("quote", modelId, () => inner.QuoteAsync(modelId, input, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<LiveModel>> GetModelsAsync(CancellationToken cancellationToken) => TraceAsync("models", null, () => inner.GetModelsAsync(cancellationToken));

    private async Task<T> TraceAsync<T>(string operation, string? model, Func<Task<T>> call)
    {
        using Activity? activity = VideoStudioTelemetry.Source.StartActivity(model is null ? operation : $"{operation} {model}", ActivityKind.Client);
        activity?.SetTag(TelemetryTags.Operation, operation);
        activity?.SetTag(TelemetryTags.Provider, "wavespeed");
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
                WaveSpeedException w => VideoStudioMetrics.Wire(w.Kind),
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
