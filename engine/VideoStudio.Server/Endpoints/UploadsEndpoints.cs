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

    /// <summary>Maps the route.</summary>
    public static void MapUploads(this RouteGroupBuilder v1)
    {
        v1.MapPost("/uploads", UploadAsync)
            .Describe("Upload", "Upload a media file", "Multipart form with part `file`. The type is found from the content (not the name) and the size is limited; "
                + "the answer's `id` (`upload:<id>`) is the media input value to use in your own requests, on any host that shares the output directory. No answer says where the file is stored.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<UploadResult>(StatusCodes.Status201Created)
            .ProducesApiProblem(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status507InsufficientStorage)
            .DisableAntiforgery();
    }

    private static async Task<IResult> UploadAsync(HttpContext http, UploadStore store, IMediaProbe probe, IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        long max = options.Value.MaxUploadBytes;
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

        string directory = store.DirectoryFor(http.Owner());
        string partial = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".partial");
        try
        {
            Directory.CreateDirectory(directory);
            var reader = new MultipartReader(boundary, http.Request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is MultipartSection section)
            {
                if (section.GetContentDispositionHeader() is { } disposition && disposition.IsFileDisposition()
                    && HeaderUtilities.RemoveQuotes(disposition.Name).Value == FilePart)
                {
                    if (!await CopyLimitedAsync(section.Body, partial, max, cancellationToken).ConfigureAwait(false))
                    {
                        return TooLarge(max);
                    }

                    string name = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty);
                    return await AcceptAsync(store, http.Owner(), partial, name.Length is > 0 and <= 200 ? name : "upload", probe, cancellationToken).ConfigureAwait(false);
                }
            }

            return ProblemResults.BadRequest("The form has no file part named 'file'.", FilePart, ErrorCodes.MissingFile);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(max);
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

    // Kestrel's own limit is raised for this route (RequestSizeLimits); this count also covers a chunked body with no length.
    private static async Task<bool> CopyLimitedAsync(Stream source, string path, long max, CancellationToken cancellationToken)
    {
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > max)
            {
                return false;
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private static string Extension(string contentType) => MediaFormats.ByContentType(contentType)?.Extension ?? ".bin";

    private static IResult TooLarge(long max) => ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, ErrorCodes.BodyTooLarge, "The upload is too large",
        $"Uploads are limited to {max / (1024 * 1024)} MB (VideoStudio:Server:MaxUploadBytes). Trim or re-encode the file, or give the model an http(s) URL instead.");
}
