using Microsoft.Extensions.Options;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Jobs.Steps;

/// <summary>
/// What a completed task's outputs are and where each is written: the plugin's <see cref="IOutputMapper"/>, or
/// "outputs[0] is what the schema declares"; the first to the caller's path when given, else under the job's folder.
/// A model declaring text output has no file to fetch: outputs[0] is the text (<see cref="PendingText"/>).
/// </summary>
internal sealed class JobOutputs(PluginCatalogHolder catalogs, IOptions<JobOptions> options)
{
    /// <summary>The outputs of <paramref name="task"/>, mapped.</summary>
    // Code (an output mapper) comes from the current catalog, whose load contexts are alive; a job whose plugin was
    // removed meanwhile still completes, with the default mapping of what its schema declares.
    public async Task<IReadOnlyList<OutputItem>> MapAsync(ModelDefinition model, ProviderTask task, CancellationToken cancellationToken)
    {
        PluginCatalog catalog = await catalogs.GetAsync(cancellationToken).ConfigureAwait(false);
        return await catalog.MapOutputsAsync(model, task.Outputs, cancellationToken).ConfigureAwait(false)
            ?? [.. task.Outputs.Take(1).Select((model.Schema.Output ?? DeclaredOutput.Video).ItemFor)];
    }

    /// <summary>
    /// The outputs of <paramref name="task"/> as recorded before they are fetched: mapped and pending download, or
    /// for a model that returns text, the text (empty when the provider returned nothing).
    /// </summary>
    public async Task<IReadOnlyList<JobOutput>> PendingAsync(JobRecord job, ModelDefinition model, ProviderTask task, CancellationToken cancellationToken) =>
        model.Schema.Output.IsText
            ? task.Outputs is [{ Length: > 0 } text, ..] ? [PendingText(job, text)] : []
            : Pending(job, await MapAsync(model, task, cancellationToken).ConfigureAwait(false));

    /// <summary>The outputs as recorded before they are downloaded: the provider URL (redacted), the local path, the MIME type.</summary>
    public IReadOnlyList<JobOutput> Pending(JobRecord job, IReadOnlyList<OutputItem> items) =>
        [.. items.Select((item, i) => new JobOutput(Redaction.Url(item.Url.ToString()), Destination(job, item, i), null, null, MediaFormats.ByExtension(item.FileExtension)?.ContentType))];

    /// <summary>The longest text output kept (UTF-8 bytes): a prompt is a few hundred; more is not a prompt.</summary>
    public const int MaxTextBytes = 64 * 1024;

    /// <summary>MIME type of a text output's file.</summary>
    public const string TextContentType = "text/plain; charset=utf-8";

    /// <summary>A text output (the provider's answer is the text) as recorded before it is written to its .txt file.</summary>
    public JobOutput PendingText(JobRecord job, string text) => new(string.Empty, Destination(job, ".txt", 0), null, null, TextContentType, text);

    private string Destination(JobRecord job, OutputItem item, int index) => Destination(job, item.FileExtension, index);

    private string Destination(JobRecord job, string extension, int index) =>
        index == 0 && job.OutputPath is not null
            ? job.OutputPath
            : Path.Combine(options.Value.Outputs, job.Id, $"output-{index}{extension}");
}
