using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs;
using VideoStudio.Server.Api;

namespace VideoStudio.Server.Http;

/// <summary>
/// Uploads live where outputs live, so every host sharing the output directory can use any owner's upload:
/// <c>&lt;Outputs&gt;/uploads/&lt;sha256(owner)&gt;/&lt;id&gt;.&lt;ext&gt;</c> beside <c>&lt;id&gt;.json</c> (what the
/// caller sees of it). A caller names an upload as <c>upload:&lt;id&gt;</c>; no answer carries the server path.
/// </summary>
public sealed class UploadStore(IOptions<JobOptions> jobs)
{
    /// <summary>How a media input names an upload: <c>upload:&lt;id&gt;</c>.</summary>
    public const string Prefix = "upload:";

    private const string InfoExtension = ".json";

    /// <summary>The owner's upload folder (created on demand).</summary>
    public string DirectoryFor(string owner) =>
        Path.GetFullPath(Path.Combine(jobs.Value.Outputs, "uploads", OwnerStorageName.For(owner)));

    /// <summary>A fresh id: 32 lowercase hex characters.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Keeps a probed file as the owner's upload <paramref name="id"/> (moved into place) and records what the caller sees of it.</summary>
    public async Task<UploadResult> KeepAsync(string owner, string id, string partial, string extension, UploadResult info, CancellationToken cancellationToken)
    {
        string directory = DirectoryFor(owner);
        File.Move(partial, Path.Combine(directory, id + extension));
        await File.WriteAllTextAsync(Path.Combine(directory, id + InfoExtension), JsonSerializer.Serialize(info, Json.Options), cancellationToken).ConfigureAwait(false);
        return info;
    }

    /// <summary>
    /// What the owner holds now, read from the shared folder so every host's uploads count: kept uploads and uploads
    /// still arriving (their partial files, at their size so far), except <paramref name="exceptPartial"/>.
    /// </summary>
    public UploadHoldings Holdings(string owner, string? exceptPartial = null)
    {
        var directory = new DirectoryInfo(DirectoryFor(owner));
        if (!directory.Exists)
        {
            return new UploadHoldings(0, 0);
        }

        int count = 0;
        long bytes = 0;
        foreach (FileInfo file in directory.EnumerateFiles())
        {
            if (file.Name.EndsWith(InfoExtension, StringComparison.Ordinal) || file.FullName == exceptPartial)
            {
                continue;
            }

            try
            {
                bytes += file.Length;
                count++;
            }
            catch (FileNotFoundException)
            {
                // a partial file refused or moved into place while this was counting
            }
        }

        return new UploadHoldings(count, bytes);
    }

    /// <summary>True when <paramref name="value"/> is of the form <c>upload:&lt;id&gt;</c> (whoever owns it).</summary>
    public static bool IsReference(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The stored file of the owner's upload named by <paramref name="reference"/> (<c>upload:&lt;id&gt;</c>); null when the owner has none by that id.</summary>
    public string? Resolve(string owner, string reference)
    {
        string id = reference[Prefix.Length..].Trim();
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower))
        {
            return null; // only ids this store made: nothing else can name a file
        }

        string directory = DirectoryFor(owner);
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, id + ".*").FirstOrDefault(f => !f.EndsWith(InfoExtension, StringComparison.Ordinal) && !f.EndsWith(".partial", StringComparison.Ordinal))
            : null;
    }

    /// <summary>
    /// A job as its owner is answered over HTTP: uploads it was given named again as <c>upload:&lt;id&gt;</c>, and its
    /// outputs without the server path they are stored at (a client downloads them from <c>/v1/jobs/{id}/output</c>).
    /// </summary>
    public Engine.Jobs.JobView Unresolve(Engine.Jobs.JobView job)
    {
        JsonObject? named = null;
        foreach ((string field, JsonNode? value) in job.Input)
        {
            if (value is JsonValue v && v.TryGetValue(out string? path) && IsOwnedBy(job.Owner, path))
            {
                named ??= (JsonObject)job.Input.DeepClone();
                named[field] = Prefix + Path.GetFileNameWithoutExtension(path);
            }
        }

        Engine.Jobs.JobOutput[] outputs = [.. job.Outputs.Select(o => o with { LocalPath = null })];
        return job with { Input = named ?? job.Input, Outputs = outputs };
    }

    /// <summary>True when <paramref name="path"/> names a file inside the owner's upload folder (paths from before uploads had ids).</summary>
    public bool IsOwnedBy(string owner, string path)
    {
        string root = DirectoryFor(owner) + Path.DirectorySeparatorChar;
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }

        return full.StartsWith(root, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
