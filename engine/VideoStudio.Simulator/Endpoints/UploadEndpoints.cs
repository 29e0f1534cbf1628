using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VideoStudio.Simulator.Media;
using VideoStudio.Simulator.Wire;

namespace VideoStudio.Simulator.Endpoints;

/// <summary>
/// Both upload flows (wavespeed-api.md §12): multipart <c>POST /api/v3/media/upload/binary</c>, and the two-step
/// ticket <c>POST /api/v3/media/uploads</c> + unauthenticated <c>PUT {upload.url}</c> with the returned headers.
/// </summary>
internal sealed class UploadEndpoints(SimulatorOptions options, SimulatorFaults faults, SimulatorStats stats, UploadStore uploads)
{
    public async Task<IResult> BinaryAsync(HttpContext context)
    {
        if (await FaultGate.BeforeAsync(context, faults, options.TimeProvider, FaultTarget.Upload).ConfigureAwait(false) is { } faulted)
        {
            return faulted;
        }

        if (!context.Request.HasFormContentType)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, "Send multipart/form-data with one part named 'file'.");
        }

        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (form.Files.GetFile("file") is not { } file)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, "The multipart body has no part named 'file'.");
        }

        StoredUpload upload = uploads.Create(file.FileName, file.Length, file.ContentType);
        await using Stream content = file.OpenReadStream();
        long size = await UploadStore.SaveAsync(upload, content, context.RequestAborted).ConfigureAwait(false);
        stats.RecordUpload();
        return Envelope.Ok(new JsonObject
        {
            ["type"] = upload.Kind,
            ["download_url"] = UploadStore.DownloadUrl(BaseUrl(context), upload),
            ["filename"] = upload.FileName,
            ["size"] = size,
        });
    }

    public async Task<IResult> TicketAsync(HttpContext context)
    {
        if (await FaultGate.BeforeAsync(context, faults, options.TimeProvider, FaultTarget.Upload).ConfigureAwait(false) is { } faulted)
        {
            return faulted;
        }

        JsonObject? body = await RequestJson.ReadObjectAsync(context, context.RequestAborted).ConfigureAwait(false);
        if (body?["filename"] is not JsonValue n || !n.TryGetValue(out string? fileName) || fileName.Length == 0)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, "Body must be {\"filename\": …, \"size\": …, \"content_type\"?: …}; filename is required.");
        }

        long size = body["size"] is JsonValue s && s.TryGetValue(out long declared) ? declared : 0;
        string? contentType = body["content_type"] is JsonValue c && c.TryGetValue(out string? ct) ? ct : null;
        StoredUpload upload = uploads.Create(fileName, size, contentType);
        string baseUrl = BaseUrl(context);
        return Envelope.Ok(new JsonObject
        {
            ["download_url"] = UploadStore.DownloadUrl(baseUrl, upload),
            ["upload"] = new JsonObject
            {
                ["url"] = UploadStore.PutUrl(baseUrl, upload),
                ["method"] = "PUT",
                ["headers"] = new JsonObject { ["Content-Type"] = upload.ContentType },
            },
            ["type"] = upload.Kind,
            ["filename"] = upload.FileName,
            ["size"] = size,
        });
    }

    /// <summary>The pre-signed PUT: no Authorization, the token in the URL is the signature. Repeating it replaces the bytes.</summary>
    public async Task<IResult> PutAsync(HttpContext context, string id)
    {
        if (await FaultGate.BeforeAsync(context, faults, options.TimeProvider, FaultTarget.Upload).ConfigureAwait(false) is { } faulted)
        {
            return faulted;
        }

        if (uploads.Find(id) is not { } upload || context.Request.Query["token"] != upload.PutToken)
        {
            return Envelope.Error(StatusCodes.Status403Forbidden, "The upload URL is invalid or has expired.");
        }

        await UploadStore.SaveAsync(upload, context.Request.Body, context.RequestAborted).ConfigureAwait(false);
        stats.RecordUpload();
        return Results.Ok();
    }

    private static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";
}
