using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Media;
using VideoStudio.Server.Api;
using VideoStudio.Server.Http;

namespace VideoStudio.Server.Endpoints;

/// <summary>
/// <c>POST /v1/uploads</c>: streams the multipart part <c>file</c> to the owner's upload folder (in the shared output directory) (never buffered
/// whole), then probes it by content; a file that is not media is deleted and refused with 415.
/// </summary>
public static class UploadsEndpoints
{
    private const string FilePart = "file";

    // Room for the multipart framing around the file when a body's length is compared with what the owner may still hold.
    private const long MultipartFraming = 64 * 1024;

    private enum Copy
    {
        Whole,
        TooLarge,
        OverQuota,
    }

    /// <summary>Maps the route.</summary>
    public static void MapUploads(this RouteGroupBuilder v1)
    {
        v1.MapPost("/uploads", UploadAsync)
            .Describe("Upload", "Upload a media file", "Multipart form with part `file`. The type is found from the content (not the name) and the size is limited; "
                + "the answer's `id` (`upload:<id>`) is the media input value to use in your own requests, on any host that shares the output directory. No answer says where the file is stored. "
                + "Each owner may hold a limited number and size of uploads (429 `too_many_uploads`, 413 `upload_quota_exceeded`), and a body must arrive within a deadline (408 `upload_timed_out`).")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<UploadResult>(StatusCodes.Status201Created)
            .ProducesApiProblem(StatusCodes.Status400BadRequest, StatusCodes.Status408RequestTimeout, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType,
                StatusCodes.Status429TooManyRequests, StatusCodes.Status507InsufficientStorage)
            .DisableAntiforgery();
    }

    private static async Task<IResult> UploadAsync(HttpContext http, UploadStore store, IMediaProbe probe, IOptions<ServerOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        ServerOptions limits = options.Value;
        long max = limits.MaxUploadBytes;
        if (http.Request.ContentLength > max)
        {
            return TooLarge(max);
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out MediaTypeHeaderValue? type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return ProblemResults.BadRequest("Send multipart/form-data with the file in a part named 'file'.", FilePart, ErrorCodes.NotMultipart);
        }

        string owner = http.Owner();
        string directory = store.DirectoryFor(owner);
        string partial = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".partial");

        // The body's deadline runs from here: a body that trickles in is cut off, whatever its pace.
        using var deadline = new CancellationTokenSource(limits.UploadBodyTimeout, time);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            Directory.CreateDirectory(directory);

            // Held before counted: an upload's partial file exists before it counts the others, so uploads racing on
            // any host each see the rest and together never pass the limits (they may all be refused, never all kept).
            await new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true).DisposeAsync().ConfigureAwait(false);
            UploadHoldings held = store.Holdings(owner, exceptPartial: partial);
            if (held.Count + 1 > limits.MaxUploadsPerOwner)
            {
                return TooMany(held.Count, limits.MaxUploadsPerOwner);
            }

            long room = limits.MaxUploadBytesPerOwner - held.Bytes;
            if (http.Request.ContentLength > room + MultipartFraming)
            {
                return OverQuota(held.Bytes, limits.MaxUploadBytesPerOwner);
            }

            var reader = new MultipartReader(boundary, http.Request.Body);
            while (await reader.ReadNextSectionAsync(reading.Token).ConfigureAwait(false) is MultipartSection section)
            {
                if (section.GetContentDispositionHeader() is { } disposition && disposition.IsFileDisposition()
                    && HeaderUtilities.RemoveQuotes(disposition.Name).Value == FilePart)
                {
                    switch (await CopyLimitedAsync(section.Body, partial, max, room, reading.Token).ConfigureAwait(false))
                    {
                        case Copy.TooLarge:
                            return TooLarge(max);
                        case Copy.OverQuota:
                            return OverQuota(held.Bytes, limits.MaxUploadBytesPerOwner);
                    }

                    // Counted again once whole: other uploads of the owner's grew meanwhile, here or on another host.
                    UploadHoldings others = store.Holdings(owner, exceptPartial: partial);
                    if (others.Bytes + new FileInfo(partial).Length > limits.MaxUploadBytesPerOwner)
                    {
                        return OverQuota(others.Bytes, limits.MaxUploadBytesPerOwner);
                    }

                    string name = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty);
                    return await AcceptAsync(store, owner, partial, name.Length is > 0 and <= 200 ? name : "upload", probe, cancellationToken).ConfigureAwait(false);
                }
            }

            return ProblemResults.BadRequest("The form has no file part named 'file'.", FilePart, ErrorCodes.MissingFile);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(max);
        }
        catch (Exception ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && ex is OperationCanceledException or IOException or BadHttpRequestException)
        {
            return TimedOut(limits.UploadBodyTimeout);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            return TimedOut(limits.UploadBodyTimeout); // Kestrel's own minimum data rate, when it comes first
        }
        catch (Exception ex) when (StorageFailure.IsOutOfSpace(ex))
        {
            return StorageFailures.Problem("the upload");
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // MultipartReader throws these on a malformed body (bad framing, oversized headers, a truncated part).
            return ProblemResults.BadRequest("The multipart body is malformed: send multipart/form-data with the file in a part named 'file'.", FilePart, ErrorCodes.BadMultipart);
        }
        finally
        {
            File.Delete(partial); // gone already when accepted (moved); removed when refused or interrupted
        }
    }

    private static async Task<IResult> AcceptAsync(UploadStore store, string owner, string partial, string name, IMediaProbe probe, CancellationToken cancellationToken)
    {
        MediaInfo info;
        try
        {
            info = await probe.ProbeAsync(partial, cancellationToken).ConfigureAwait(false);
        }
        catch (MediaUnreadableException ex)
        {
            return ProblemResults.Problem(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.MediaUnreadable, "Not a media file VideoStudio can read",
                $"The upload was refused because {ex.Message}. The type is checked from the file's content, not its name: "
                + "export the file as MP4 (H.264) video, a JPEG/PNG/WebP image or WAV/MP3 audio and upload that.",
                [new Engine.Presentation.ApiViews.IssueView(FilePart, ErrorCodes.MediaUnreadable, ex.Message)]);
        }

        string id = UploadStore.NewId();
        var answer = new UploadResult(UploadStore.Prefix + id, name, info.ContentType.Split('/')[0], info.ContentType, info.SizeBytes, info.DurationSeconds, info.Width, info.Height);
        return ApiResults.Status(await store.KeepAsync(owner, id, partial, Extension(info.ContentType), answer, cancellationToken).ConfigureAwait(false), StatusCodes.Status201Created);
    }

    // Kestrel's own limit is raised for this route (RequestSizeLimits); this count also covers a chunked body with no
    // length, and stops at the owner's room as soon as the file would not fit in it.
    private static async Task<Copy> CopyLimitedAsync(Stream source, string path, long max, long room, CancellationToken cancellationToken)
    {
        await using var target = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 81920, useAsync: true);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > max)
            {
                return Copy.TooLarge;
            }

            if (total > room)
            {
                return Copy.OverQuota;
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        return Copy.Whole;
    }

    private static string Extension(string contentType) => MediaFormats.ByContentType(contentType)?.Extension ?? ".bin";

    private static IResult TooMany(int held, int limit) => ProblemResults.Problem(StatusCodes.Status429TooManyRequests, ErrorCodes.TooManyUploads, "Too many uploads",
        $"You hold {held} uploads; one owner may hold {limit} (VideoStudio:Server:MaxUploadsPerOwner). Nothing was kept. Uploads are not removed by themselves: "
        + "use the ones you have (upload:<id>), or ask the operator to remove old ones.");

    private static IResult OverQuota(long held, long limit) => ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, ErrorCodes.UploadQuotaExceeded, "Upload storage full for this owner",
        $"Your uploads take {Megabytes(held)} MB; one owner may hold {Megabytes(limit)} MB (VideoStudio:Server:MaxUploadBytesPerOwner), and this file would pass that. "
        + "Nothing was kept. Use the uploads you have, upload a smaller file, or give the model an http(s) URL instead.");

    private static IResult TimedOut(TimeSpan timeout) => ProblemResults.Problem(StatusCodes.Status408RequestTimeout, ErrorCodes.UploadTimedOut, "The upload took too long",
        $"The file did not arrive within {timeout.TotalSeconds:0} s (VideoStudio:Server:UploadBodyTimeout), so it was cut off and nothing was kept. "
        + "Send it again on a faster connection, or give the model an http(s) URL instead.");

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private static IResult TooLarge(long max) => ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, ErrorCodes.BodyTooLarge, "The upload is too large",
        $"Uploads are limited to {max / (1024 * 1024)} MB (VideoStudio:Server:MaxUploadBytes). Trim or re-encode the file, or give the model an http(s) URL instead.");
}
