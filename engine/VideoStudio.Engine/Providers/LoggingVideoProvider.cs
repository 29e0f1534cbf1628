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
            logger.LogInformation("{Provider} accepted a {Model} task: {Task}", Metadata.Name, modelId, task.Id);
            return task;
        }
        catch (ProviderException ex)
        {
            logger.LogWarning("{Provider} refused a {Model} task ({Kind}{Created})", Metadata.Name, modelId, ex.Kind, ex.NothingCreated ? ", nothing created" : string.Empty);
            throw;
        }
        catch (SubmissionOutcomeUnknownException)
        {
            logger.LogWarning("{Provider}: the answer to a {Model} submission was lost; a paid task may exist", Metadata.Name, modelId);
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
}
