using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Jobs.Chaining;

/// <summary>
/// The <c>job:&lt;id&gt;</c> media source: in any media field of any model, a finished job's output stands for a
/// file. Resolved here, before validation, to the stored output file, so the rest of the engine treats it as local
/// media (probed for its real duration, priced from it, uploaded to the provider). Owner-checked: another owner's
/// job is "not found", exactly like an id that does not exist.
/// </summary>
internal sealed class JobOutputMedia(IJobStore store, PluginCatalogHolder catalogs)
{
    private const int MaxReferences = 16;

    /// <summary>
    /// A copy of <paramref name="input"/> with each <c>job:&lt;id&gt;</c> in the media fields of
    /// <paramref name="modelIds"/> replaced by that job's output file, the links made, and what could not be resolved.
    /// </summary>
    public async Task<JobMediaResolution> ResolveAsync(string owner, IEnumerable<string> modelIds, JsonObject input, CancellationToken cancellationToken)
    {
        PluginCatalog catalog = await catalogs.GetAsync(cancellationToken).ConfigureAwait(false);
        return await ResolveAsync(owner, modelIds.Select(catalog.Registry.TryFind).OfType<ModelDefinition>(), input, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As <see cref="ResolveAsync(string, IEnumerable{string}, JsonObject, CancellationToken)"/>, for models already resolved.</summary>
    public async Task<JobMediaResolution> ResolveAsync(string owner, IEnumerable<ModelDefinition> models, JsonObject input, CancellationToken cancellationToken)
    {
        string[] fields = [.. models
            .SelectMany(m => m.Schema.Fields).Where(f => f.Media is not null).Select(f => f.Name).Distinct(StringComparer.Ordinal)];
        var resolved = (JsonObject)input.DeepClone();
        var links = new List<JobLink>();
        var issues = new List<ValidationIssue>();
        foreach (string field in fields)
        {
            switch (resolved[field])
            {
                case JsonValue v when v.TryGetValue(out string? s) && MediaSource.IsJobOutput(s, out string id):
                    resolved[field] = await ResolveOneAsync(owner, field, "/" + field, id, links, issues, cancellationToken).ConfigureAwait(false);
                    break;
                case JsonArray items:
                    for (int i = 0; i < items.Count; i++)
                    {
                        if (items[i] is JsonValue iv && iv.TryGetValue(out string? item) && MediaSource.IsJobOutput(item, out string itemId))
                        {
                            items[i] = await ResolveOneAsync(owner, field, $"/{field}/{i}", itemId, links, issues, cancellationToken).ConfigureAwait(false);
                        }
                    }

                    break;
            }
        }

        return new JobMediaResolution(resolved, links, issues);
    }

    private async Task<JsonNode> ResolveOneAsync(string owner, string field, string pointer, string jobId, List<JobLink> links, List<ValidationIssue> issues, CancellationToken cancellationToken)
    {
        string given = MediaSource.JobPrefix + jobId;
        if (links.Count >= MaxReferences)
        {
            issues.Add(new ValidationIssue(pointer, ErrorCodes.RuleViolation, $"{pointer}: at most {MaxReferences} job outputs may feed one request."));
            return given;
        }

        if (await store.GetAsync(jobId, owner, cancellationToken).ConfigureAwait(false) is not JobRecord job)
        {
            issues.Add(new ValidationIssue(pointer, ErrorCodes.MediaJobNotFound, $"{pointer}: you have no job '{jobId}'. Use the id of one of your completed jobs (GET /v1/jobs, `videostudio jobs list`)."));
            return given;
        }

        if (job.State != JobState.Completed || job.Outputs is not [{ LocalPath: string path }, ..] || !File.Exists(path))
        {
            issues.Add(new ValidationIssue(pointer, ErrorCodes.MediaJobNotFinished,
                $"{pointer}: job '{jobId}' is {job.State} and has no downloaded output to use{(job.IsTerminal ? "" : " yet; wait until it completes")}."));
            return given;
        }

        links.Add(new JobLink(field, job.Id));
        return path;
    }
}
