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
    /// <summary>
    /// The input with the owner's <c>upload:&lt;id&gt;</c> values replaced by the stored files, and issues for media
    /// values that are neither an http(s) URL, nor the owner's upload, nor <c>job:&lt;id&gt;</c> (the job API checks
    /// its owner), across the given models' media fields.
    /// </summary>
    public async Task<Resolution> ResolveAsync(string owner, IEnumerable<string> modelIds, JsonObject input, CancellationToken cancellationToken)
    {
        CatalogView catalog = await studio.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var mediaFields = modelIds.Select(catalog.Registry.TryFind).OfType<ModelDefinition>()
            .SelectMany(m => m.Schema.Fields).Where(f => f.Media is not null).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var issues = new List<ValidationIssue>();
        JsonObject resolved = input;
        foreach (string field in mediaFields)
        {
            foreach ((string path, string value) in Values(field, input[field]))
            {
                if (UploadStore.IsReference(value))
                {
                    if (uploads.Resolve(owner, value) is string file)
                    {
                        resolved = resolved == input ? (JsonObject)input.DeepClone() : resolved;
                        Replace(resolved, path, file);
                    }
                    else
                    {
                        issues.Add(new ValidationIssue(path, ErrorCodes.MediaNotFound, $"'{path}' names an upload you do not have ({value}): upload the file again."));
                    }
                }
                else if (!IsRemote(value) && !MediaSource.IsJobOutput(value, out _) && !uploads.IsOwnedBy(owner, value))
                {
                    issues.Add(new ValidationIssue(path, ErrorCodes.MediaPathNotAllowed,
                        $"'{path}' must be an http(s) URL, a file you uploaded (POST /v1/uploads, then its id: upload:<id>) or job:<id> of one of your finished jobs."));
                }
            }
        }

        return new Resolution(resolved, issues);
    }

    /// <summary>Puts the caller's <c>upload:&lt;id&gt;</c> values back into an answer's input, so no answer shows where an upload is stored.</summary>
    public static JsonObject Unresolve(JsonObject answered, JsonObject asSent)
    {
        foreach ((string field, JsonNode? value) in asSent)
        {
            bool named = value switch
            {
                JsonValue v => v.TryGetValue(out string? s) && UploadStore.IsReference(s),
                JsonArray a => a.Any(i => i is JsonValue iv && iv.TryGetValue(out string? s) && UploadStore.IsReference(s)),
                _ => false,
            };
            if (named && answered.ContainsKey(field))
            {
                answered[field] = value!.DeepClone();
            }
        }

        return answered;
    }

    /// <summary>An input with uploads resolved, and the media values refused.</summary>
    /// <param name="Input">The input to validate, price or run.</param>
    /// <param name="Issues">Refused media values (empty when all are allowed).</param>
    public sealed record Resolution(JsonObject Input, IReadOnlyList<ValidationIssue> Issues);

    private static void Replace(JsonObject input, string pointer, string file)
    {
        string[] parts = pointer.TrimStart('/').Split('/');
        if (parts.Length == 1)
        {
            input[parts[0]] = file;
        }
        else if (input[parts[0]] is JsonArray items && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out int index))
        {
            items[index] = file;
        }
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
