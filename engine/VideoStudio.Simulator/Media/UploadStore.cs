using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace VideoStudio.Simulator.Media;

/// <summary>
/// Uploaded files, kept in a private temporary folder (deleted on dispose) so they can be probed and served
/// with Range. Download URLs are <c>{base}/media/{id}/{filename}</c>; PUT targets are <c>{base}/upload/{id}?token=…</c>.
/// </summary>
internal sealed class UploadStore(SimulatorOptions options) : IDisposable
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private readonly string folder = Directory.CreateTempSubdirectory("videostudio-simulator-").FullName;
    private readonly ConcurrentDictionary<string, StoredUpload> uploads = new(StringComparer.Ordinal);

    public StoredUpload Create(string fileName, long declaredSize, string? contentType)
    {
        string safeName = SafeName(fileName);
        string id = Guid.NewGuid().ToString("N");
        string type = contentType is { Length: > 0 } ? contentType
            : ContentTypes.TryGetContentType(safeName, out string? guessed) ? guessed : "application/octet-stream";
        var upload = new StoredUpload(id, safeName, type, declaredSize, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Path.Combine(folder, id), options.TimeProvider.GetUtcNow());
        uploads[id] = upload;
        return upload;
    }

    public static async Task<long> SaveAsync(StoredUpload upload, Stream content, CancellationToken cancellationToken)
    {
        await using (var file = new FileStream(upload.FilePath, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        upload.Complete = true;
        return new FileInfo(upload.FilePath).Length;
    }

    /// <summary>A ticket or upload by id, unless past retention.</summary>
    public StoredUpload? Find(string id) =>
        uploads.TryGetValue(id, out StoredUpload? u) && options.TimeProvider.GetUtcNow() - u.CreatedAt < options.OutputRetention ? u : null;

    /// <summary>The finished upload a simulator URL points at, or null when the URL is not one of ours.</summary>
    public StoredUpload? FromUrl(Uri url)
    {
        string[] segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return url.IsLoopback && segments.Length >= 2 && segments[0] == "media" && Find(segments[1]) is { Complete: true } u ? u : null;
    }

    /// <summary>A new file name in the private folder (deleted with it), e.g. for media fetched from another loopback server.</summary>
    public string ScratchPath() => Path.Combine(folder, "fetched-" + Guid.NewGuid().ToString("N"));

    public static string DownloadUrl(string baseUrl, StoredUpload u) => $"{baseUrl}/media/{u.Id}/{Uri.EscapeDataString(u.FileName)}";

    public static string PutUrl(string baseUrl, StoredUpload u) => $"{baseUrl}/upload/{u.Id}?token={u.PutToken}";

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a late reader: the OS temp cleaner gets it.
        }
    }

    private static string SafeName(string name)
    {
        string leaf = Path.GetFileName(name.Replace('\\', '/'));
        return leaf.Length == 0 ? "upload.bin" : leaf;
    }
}
