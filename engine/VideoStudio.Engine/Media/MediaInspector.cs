using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Egress;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Media;

/// <summary>
/// Reads the media a request names (a local file, or a URL fetched to a temporary file within the field's size
/// limit) and checks it against the field's <see cref="MediaConstraint"/>. Media that cannot be reached is
/// reported, never guessed.
/// </summary>
public sealed class MediaInspector(IMediaProbe probe, IHttpClientFactory httpClientFactory, IOptions<VideoStudioOptions> options, IOptions<EgressOptions> egress, ILogger<MediaInspector> logger)
{
    /// <summary>Name of the HTTP client used to fetch remote media for probing.</summary>
    public const string HttpClientName = "videostudio-media-probe";

    private readonly MediaProbeCache probed = new();

    /// <summary>The result of inspecting one media field.</summary>
    /// <param name="Info">Probed facts, or null when the media could not be read.</param>
    /// <param name="Issues">Problems found (errors block submission; a warning means "not checked").</param>
    public sealed record Inspection(MediaInfo? Info, IReadOnlyList<ValidationIssue> Issues);

    /// <summary>Inspects the media given for <paramref name="field"/>.</summary>
    public async ValueTask<Inspection> InspectAsync(InputField field, string value, CancellationToken cancellationToken)
    {
        MediaConstraint constraint = field.Media!;
        string pointer = "/" + field.Name;
        if (MediaSource.IsRemote(value, out Uri? uri))
        {
            if (!options.Value.ProbeRemoteMedia)
            {
                return new(null, [new(pointer, ErrorCodes.MediaNotChecked, $"{pointer} is a URL and remote probing is off; its limits were not checked here.", IssueSeverity.Warning)]);
            }

            return await InspectRemoteAsync(field, uri!, cancellationToken).ConfigureAwait(false);
        }

        if (MediaSource.IsJobOutput(value, out string jobId))
        {
            // Only the job API knows whose job it is; a caller that validates directly has nothing to read here.
            return new(null, [new(pointer, ErrorCodes.MediaJobUnresolved, $"{pointer} names job '{jobId}', whose output only the job API resolves (IVideoJobs, POST /v1/validate, `videostudio generate`); give a file path or URL here.")]);
        }

        var file = new FileInfo(MediaSource.LocalPath(value));
        if (!file.Exists)
        {
            return new(null, [new(pointer, ErrorCodes.MediaNotFound, $"{pointer}: no file at '{file.FullName}'. Give an existing file path or an http(s) URL.")]);
        }

        if (probed.TryGet(file, out MediaInfo? known))
        {
            return new(known, Check(field, known).ToArray());
        }

        Inspection inspection = await ProbeAndCheckAsync(field, file.FullName, cancellationToken).ConfigureAwait(false);
        var after = new FileInfo(file.FullName);
        if (inspection.Info is not null && after.Exists && after.Length == file.Length && after.LastWriteTimeUtc == file.LastWriteTimeUtc)
        {
            probed.Add(after, inspection.Info); // Only a file that did not change while it was read (one being written does).
        }

        return inspection;
    }

    private async ValueTask<Inspection> InspectRemoteAsync(InputField field, Uri uri, CancellationToken cancellationToken)
    {
        string pointer = "/" + field.Name;
        long limit = field.Media!.MaxBytes ?? egress.Value.MaxProbeBytes;
        string temp = Path.Combine(Path.GetTempPath(), "videostudio-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            HttpClient client = httpClientFactory.CreateClient(HttpClientName);
            using HttpResponseMessage response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return Unreachable(pointer, $"the server answered {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength > limit)
            {
                return new(null, [TooLarge(pointer, response.Content.Headers.ContentLength.Value, limit)]);
            }

            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            await using (Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                long total = 0;
                int n;
                while ((n = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += n;
                    if (total > limit)
                    {
                        return new(null, [TooLarge(pointer, total, limit)]);
                    }

                    await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                }
            }

            return await ProbeAndCheckAsync(field, temp, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (EgressRefusedException.IsRefusal(ex))
        {
            // An error, and the same words whatever is at the address: a refusal reveals nothing about the network.
            return new(null, [new(pointer, ErrorCodes.MediaUrlNotAllowed, $"{pointer}: {EgressRefusedException.Text}")]);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Could not fetch media for {Field} to probe it: {Reason}", field.Name, ex.Message);
            return Unreachable(pointer, ex is TaskCanceledException ? "the request timed out" : "it could not be reached");
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async ValueTask<Inspection> ProbeAndCheckAsync(InputField field, string path, CancellationToken cancellationToken)
    {
        string pointer = "/" + field.Name;
        MediaInfo info;
        try
        {
            info = await probe.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (MediaUnreadableException ex)
        {
            return new(null, [new(pointer, ErrorCodes.MediaUnreadable, $"{pointer} cannot be read: {ex.Message}. Re-export the file (e.g. as MP4/H.264, WAV or PNG) and try again.")]);
        }

        return new(info, Check(field, info).ToArray());
    }

    /// <summary>Checks probed facts against the field's limits.</summary>
    public static IEnumerable<ValidationIssue> Check(InputField field, MediaInfo info)
    {
        MediaConstraint c = field.Media!;
        string pointer = "/" + field.Name;
        string format = FormatOf(info.ContentType);
        if (info.Kind != c.Kind)
        {
            yield return new(pointer, ErrorCodes.MediaWrongKind, $"{pointer} must be {Article(c.Kind)} but the file is {Article(info.Kind)} ({info.ContentType}).");
            yield break;
        }

        if (c.Formats.Count > 0 && !c.Formats.Contains(format))
        {
            yield return new(pointer, ErrorCodes.MediaWrongKind, $"{pointer}: {format} is not accepted; use {string.Join(", ", c.Formats)}.");
        }

        if (c.MaxBytes is long max && info.SizeBytes > max)
        {
            yield return TooLarge(pointer, info.SizeBytes, max);
        }

        if (info.DurationSeconds is double seconds)
        {
            if (c.MaxSeconds is double maxSeconds && seconds > maxSeconds)
            {
                yield return new(pointer, ErrorCodes.MediaTooLong, Invariant($"{pointer} is {seconds:0.##} s long; the model takes at most {maxSeconds:0.##} s. Trim it first."));
            }

            if (c.MinSeconds is double minSeconds && seconds < minSeconds)
            {
                yield return new(pointer, ErrorCodes.MediaTooShort, Invariant($"{pointer} is {seconds:0.##} s long; the model needs at least {minSeconds:0.##} s."));
            }
        }

        if ((c.MaxWidth is int mw && info.Width > mw) || (c.MaxHeight is int mh && info.Height > mh))
        {
            yield return new(pointer, ErrorCodes.MediaBadDimensions, $"{pointer} is {info.Width}x{info.Height}; the model takes at most {c.MaxWidth?.ToString(CultureInfo.InvariantCulture) ?? "any"}x{c.MaxHeight?.ToString(CultureInfo.InvariantCulture) ?? "any"}.");
        }
    }

    /// <summary>Checks a duration the caller supplied as a hint against the field's length limits, like a probed one.</summary>
    public static IEnumerable<ValidationIssue> CheckHintedDuration(InputField field, double seconds)
    {
        string pointer = "/" + field.Name;
        MediaConstraint c = field.Media!;
        // A hint is money's input: a negative, zero, NaN or absurd one would price a job at or below nothing.
        if (!double.IsFinite(seconds) || seconds <= 0)
        {
            yield return new(pointer, ErrorCodes.TooSmall, $"{pointer}: the duration hint must be a positive number of seconds, not {seconds.ToString(CultureInfo.InvariantCulture)}.");
            yield break;
        }

        if (seconds > Pricing.PriceCalculator.MaxPricedSeconds)
        {
            yield return new(pointer, ErrorCodes.MediaTooLong, Invariant($"{pointer}: the duration hint {seconds:0.##} s is beyond any real media (at most {Pricing.PriceCalculator.MaxPricedSeconds:0} s)."));
            yield break;
        }

        if (c.MaxSeconds is double max && seconds > max)
        {
            yield return new(pointer, ErrorCodes.MediaTooLong, Invariant($"{pointer} is {seconds:0.##} s long (from the duration hint); the model takes at most {max:0.##} s. Trim it first."));
        }

        if (c.MinSeconds is double min && seconds < min)
        {
            yield return new(pointer, ErrorCodes.MediaTooShort, Invariant($"{pointer} is {seconds:0.##} s long (from the duration hint); the model needs at least {min:0.##} s."));
        }
    }

    private static Inspection Unreachable(string pointer, string why) =>
        new(null, [new(pointer, ErrorCodes.MediaNotChecked, $"{pointer} could not be fetched to check it ({why}); its limits were not checked and a media-priced estimate needs a duration hint.", IssueSeverity.Warning)]);

    private static ValidationIssue TooLarge(string pointer, long size, long max) =>
        new(pointer, ErrorCodes.MediaTooLarge, Invariant($"{pointer} is {size / 1048576.0:0.#} MB; the model takes at most {max / 1048576.0:0.#} MB. Compress or trim it."));

    private static string FormatOf(string contentType) =>
        MediaFormats.ByContentType(contentType)?.Name ?? contentType[(contentType.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private static string Article(MediaKind kind) => kind == MediaKind.Image ? "an image" : kind == MediaKind.Audio ? "an audio file" : "a video";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
