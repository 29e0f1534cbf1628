using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Hosting;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// The model a job was planned with: the plugin version recorded on the job (its price, limits and polling), from
/// the current catalog or a replaced one, so a plugin upgraded or removed while a job runs does not change or strand it.
/// </summary>
public sealed class JobModels(PluginCatalogHolder holder, IVideoStudio studio)
{
    /// <summary>The job's model at its recorded plugin version, else the current one; null when neither is known.</summary>
    public async Task<ModelDefinition?> ForAsync(JobRecord job, CancellationToken cancellationToken)
    {
        PluginCatalog catalog = await studio.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        return holder.FindVersion(job.ModelId, job.PluginVersion) ?? catalog.Registry.TryFind(job.ModelId);
    }
}
