using Microsoft.Extensions.Logging;
using System.Text.Json.Nodes;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Media;
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

    /// <summary>Probed seconds per media field, and the first field that cannot be reached.</summary>
    public sealed record Resolution(IReadOnlyDictionary<string, double> Seconds, string? UnreachableField);

    public async Task<Resolution> ResolveAsync(ModelDefinition model, JsonObject input, CancellationToken cancellationToken)
    {
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        string? unreachable = null;
        foreach (InputField field in model.Schema.Fields.Where(f => f.Media is not null))
        {
            if (input[field.Name] is not JsonValue v || !v.TryGetValue(out string? value) || value.Length == 0)
            {
                continue;
            }

            double? duration = Uri.TryCreate(value, UriKind.Absolute, out Uri? url) && url.Scheme is "http" or "https"
                ? await ProbeUrlAsync(url, cancellationToken).ConfigureAwait(false)
                : null;
            if (duration is null)
            {
                unreachable ??= field.Name;
            }
            else if (duration > 0)
            {
                seconds[field.Name] = duration.Value;
            }
        }

        return new Resolution(seconds, unreachable);
    }

    // null = unreachable; 0 = reachable but no duration (an image, or unreadable).
    private async Task<double?> ProbeUrlAsync(Uri url, CancellationToken cancellationToken)
    {
        if (uploads.FromUrl(url) is StoredUpload upload)
        {
            return await DurationAsync(upload.FilePath, cancellationToken).ConfigureAwait(false);
        }

        // Embedded in a server facing callers, fetching loopback would reach the host's own services for them.
        if (!url.IsLoopback || !options.FetchLoopbackMedia)
        {
            return null;
        }

        string temp = Path.Combine(Path.GetTempPath(), "videostudio-simulator-fetch-" + Guid.NewGuid().ToString("N"));
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

            return await DurationAsync(temp, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            logger.LogInformation("Media at a loopback URL is unreachable: {Error}", ex.Message);
            return null;
        }
        finally
        {
            File.Delete(temp);
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
