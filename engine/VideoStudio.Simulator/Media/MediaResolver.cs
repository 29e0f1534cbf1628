using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Simulator.Media;

/// <summary>
/// Checks the media URLs of an input the way WaveSpeed's workers would meet them: a file uploaded here is
/// reachable (and probed for its duration); another loopback URL is fetched and probed (unless
/// <see cref="SimulatorOptions.FetchLoopbackMedia"/> is off); anything else cannot
/// be downloaded offline, so the task will fail with 1402. The simulator never fetches the internet.
/// </summary>
internal sealed class MediaResolver(UploadStore uploads, IMediaProbe probe, IHttpClientFactory httpClientFactory, SimulatorOptions options, ILogger<MediaResolver> logger)
{
    public const string HttpClientName = "videostudio-simulator-media";

    /// <summary>Probed seconds per media field, each reachable field's local file (what outputs are made from), and the first field that cannot be reached.</summary>
    public sealed record Resolution(IReadOnlyDictionary<string, double> Seconds, IReadOnlyDictionary<string, string> Files, string? UnreachableField);

    public async Task<Resolution> ResolveAsync(ModelDefinition model, JsonObject input, CancellationToken cancellationToken)
    {
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        string? unreachable = null;
        foreach (InputField field in model.Schema.Fields.Where(f => f.Media is not null))
        {
            if (input[field.Name] is not JsonValue v || !v.TryGetValue(out string? value) || value.Length == 0)
            {
                continue;
            }

            string? file = Uri.TryCreate(value, UriKind.Absolute, out Uri? url) && url.Scheme is "http" or "https"
                ? await LocalFileAsync(url, cancellationToken).ConfigureAwait(false)
                : null;
            if (file is null)
            {
                unreachable ??= field.Name;
                continue;
            }

            files[field.Name] = file;
            if (await DurationAsync(file, cancellationToken).ConfigureAwait(false) is > 0 and var duration)
            {
                seconds[field.Name] = duration;
            }
        }

        return new Resolution(seconds, files, unreachable);
    }

    // The file behind the URL (an upload here, or a loopback download kept with the uploads); null = unreachable.
    private async Task<string?> LocalFileAsync(Uri url, CancellationToken cancellationToken)
    {
        if (uploads.FromUrl(url) is StoredUpload upload)
        {
            return upload.FilePath;
        }

        // Embedded in a server facing callers, fetching loopback would reach the host's own services for them.
        if (!url.IsLoopback || !options.FetchLoopbackMedia)
        {
            return null;
        }

        string temp = uploads.ScratchPath();
        bool keep = false;
        try
        {
            HttpClient client = httpClientFactory.CreateClient(HttpClientName);
            using HttpResponseMessage response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            await using (var file = File.Create(temp))
            {
                await response.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }

            keep = true;
            return temp;
        }
        catch (HttpRequestException ex)
        {
            logger.LogInformation("Media at a loopback URL is unreachable: {Error}", ex.Message);
            return null;
        }
        finally
        {
            if (!keep)
            {
                File.Delete(temp);
            }
        }
    }

    private async Task<double> DurationAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await probe.ProbeAsync(path, cancellationToken).ConfigureAwait(false)).DurationSeconds ?? 0;
        }
        catch (MediaUnreadableException)
        {
            return 0;
        }
    }
}
