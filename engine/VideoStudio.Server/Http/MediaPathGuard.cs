using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Server.Http;

/// <summary>
/// The engine reads local paths given as media inputs. Over HTTP that would let a caller read any file on the
/// server (or another owner's upload), so a media field must hold an http(s) URL or a path the caller uploaded.
/// </summary>
public sealed class MediaPathGuard(IVideoStudio studio, UploadStore uploads)
{
    /// <summary>Issues for media values outside the owner's uploads (a <c>job:&lt;id&gt;</c> value passes: the job API checks its owner), across the given models' media fields.</summary>
    public async Task<IReadOnlyList<ValidationIssue>> CheckAsync(string owner, IEnumerable<string> modelIds, JsonObject input, CancellationToken cancellationToken)
    {
        PluginCatalog catalog = await studio.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var mediaFields = modelIds.Select(catalog.Registry.TryFind).OfType<ModelDefinition>()
            .SelectMany(m => m.Schema.Fields).Where(f => f.Media is not null).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var issues = new List<ValidationIssue>();
        foreach (string field in mediaFields)
        {
            foreach ((string path, string value) in Values(field, input[field]))
            {
                if (!IsRemote(value) && !MediaSource.IsJobOutput(value, out _) && !uploads.IsOwnedBy(owner, value))
                {
                    issues.Add(new ValidationIssue(path, ErrorCodes.MediaPathNotAllowed,
                        $"'{path}' must be an http(s) URL, a file you uploaded (POST /v1/uploads, then the returned path) or job:<id> of one of your finished jobs."));
                }
            }
        }

        return issues;
    }

    // Paths are JSON pointers into the input, as every other input issue's (/video, /images/0).
    private static IEnumerable<(string Path, string Value)> Values(string field, JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out string? s) => [("/" + field, s)],
        JsonArray a => a.Select((item, i) => (Item: item, Index: i))
            .Where(x => x.Item is JsonValue iv && iv.TryGetValue(out string? _))
            .Select(x => ($"/{field}/{x.Index}", x.Item!.GetValue<string>())),
        _ => [],
    };

    private static bool IsRemote(string value) => HttpUrl.TryParse(value, out _);
}
