using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// The model a job was planned with: the plugin version recorded on the job (its price, limits and polling), from
/// the current catalog or a replaced one, so a plugin upgraded or removed while a job runs does not change or strand it.
/// </summary>
internal sealed class JobModels(PluginCatalogHolder holder, Microsoft.Extensions.Options.IOptions<JobOptions> options)
{
    /// <summary>The job's model at its recorded plugin version, else the current one; null when neither is known.</summary>
    public async Task<ModelDefinition?> ForAsync(JobRecord job, CancellationToken cancellationToken)
    {
        PluginCatalog catalog = await holder.GetAsync(cancellationToken).ConfigureAwait(false);
        return holder.FindVersion(job.ModelId, job.PluginVersion) ?? catalog.Registry.TryFind(job.ModelId);
    }

    /// <summary>The plan of a job this host takes on (resumed, or taken over), from its model as above; null when the model is unknown here.</summary>
    public async Task<JobPlan?> PlanAsync(JobRecord job, CancellationToken cancellationToken) =>
        await ForAsync(job, cancellationToken).ConfigureAwait(false) is { } model ? JobPlan.For(job, model, options.Value) : null;
}
