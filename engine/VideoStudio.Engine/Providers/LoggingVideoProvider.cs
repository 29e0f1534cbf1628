using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace VideoStudio.Engine.Providers;

/// <summary>
/// Logs each paid or state-changing provider call and its outcome (Debug for reads). Only ids, model ids and error
/// kinds are logged: never an input, a URL (signed URLs are secrets) or a key.
/// </summary>
/// <param name="innerProvider">The provider calls go to.</param>
/// <param name="logger">Where the lines go.</param>
public sealed class LoggingVideoProvider(IVideoProvider innerProvider, ILogger<LoggingVideoProvider> logger) : DelegatingVideoProvider(innerProvider)
{
    /// <inheritdoc />
    public override async Task<ProviderTask> SubmitAsync(string modelId, JsonObject input, Uri? webhook, CancellationToken cancellationToken)
    {
        try
        {
            ProviderTask task = await base.SubmitAsync(modelId, input, webhook, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("{Provider} accepted a {Model} task: {Task}", await NameForAsync(modelId).ConfigureAwait(false), modelId, task.Id);
            return task;
        }
        catch (ProviderException ex)
        {
            logger.LogWarning("{Provider} refused a {Model} task ({Kind}{Created})", await NameForAsync(modelId).ConfigureAwait(false), modelId, ex.Kind, ex.NothingCreated ? ", nothing created" : string.Empty);
            throw;
        }
        catch (SubmissionOutcomeUnknownException)
        {
            logger.LogWarning("{Provider}: the answer to a {Model} submission was lost; a paid task may exist", await NameForAsync(modelId).ConfigureAwait(false), modelId);
            throw;
        }
    }

    /// <inheritdoc />
    public override async Task<ProviderTask> GetResultAsync(string taskId, CancellationToken cancellationToken)
    {
        ProviderTask task = await base.GetResultAsync(taskId, cancellationToken).ConfigureAwait(false);
        logger.LogDebug("{Provider} task {Task} is {Status}", Metadata.Name, taskId, task.Status);
        return task;
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<ProviderTask>> ListTasksAsync(ProviderTaskQuery query, CancellationToken cancellationToken)
    {
        IReadOnlyList<ProviderTask> tasks = await base.ListTasksAsync(query, cancellationToken).ConfigureAwait(false);
        logger.LogDebug("{Provider} history for {Model}: {Count} tasks", Metadata.Name, query.Model ?? "all models", tasks.Count);
        return tasks;
    }

    // The adapter that serves the model (local operations, a third provider), not the router's primary: a line saying
    // "wavespeed refused" a job that never left this machine would send an operator to the wrong place.
    // A model whose provider has no adapter here is named by the refusal itself; the line then names the router's.
    private async ValueTask<string> NameForAsync(string modelId)
    {
        try
        {
            return GetService(typeof(IProviderRouting)) is IProviderRouting routing
                && await routing.RouteOfAsync(modelId, CancellationToken.None).ConfigureAwait(false) is { } route
                ? route.Metadata.Name
                : Metadata.Name;
        }
        catch (ProviderException)
        {
            return Metadata.Name;
        }
    }
}
