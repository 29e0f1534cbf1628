using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Jobs.Chaining;

/// <summary>
/// What a finished job's output can feed next: every runnable installed model with a media field of the output's
/// kind (read from the catalog's schemas, so a new plugin's model appears without a change here).
/// </summary>
internal static class NextSteps
{
    // Words for a button per task kind; a task kind not listed still appears, by its id.
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["upscale"] = "Upscale",
        ["video-extend"] = "Extend",
        ["video-to-video"] = "Retake",
        ["avatar"] = "Animate into an avatar",
        ["image-to-video"] = "Animate",
        ["face-swap"] = "Swap a face",
        ["background-removal"] = "Remove the background",
        ["add-audio"] = "Add sound",
        ["video-translate"] = "Translate",
        ["reference-to-video"] = "Use as a reference",
        ["video-edit"] = "Edit",
        ["video-transform"] = "Transform",
    };

    /// <summary>The steps open to <paramref name="job"/>'s first output; none until it is completed with a downloaded output.</summary>
    public static IReadOnlyList<NextStep> For(JobRecord job, PluginCatalog catalog)
    {
        if (job.State != JobState.Completed || job.Outputs is not [{ LocalPath: string path }, ..] || KindOf(path) is not MediaKind kind)
        {
            return [];
        }

        var steps = new List<NextStep>();
        foreach (ModelDefinition model in catalog.Registry.Models.Where(m => catalog.PluginOf(m).Status == PluginStatus.Active))
        {
            if (model.Schema.Fields.FirstOrDefault(f => f.Media is { } media && media.Kind == kind && Accepts(media, path)) is InputField field)
            {
                string task = model.Descriptor.Task.Value;
                steps.Add(new NextStep(task, model.NextStepLabel ?? Labels.GetValueOrDefault(task, task), model.Id, model.Descriptor.DisplayName, field.Name,
                    new JsonObject { [field.Name] = MediaSource.JobPrefix + job.Id }));
            }
        }

        return [.. steps.OrderBy(s => s.Label, StringComparer.Ordinal).ThenBy(s => s.ModelId, StringComparer.Ordinal)];
    }

    private static bool Accepts(MediaConstraint media, string path) =>
        media.Formats.Count == 0 || (MediaFormats.ByExtension(path) is { } format && media.Formats.Contains(format.Name, StringComparer.OrdinalIgnoreCase));

    private static MediaKind? KindOf(string path) => MediaFormats.ByExtension(path)?.Kind;
}
