using Microsoft.Extensions.Options;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs;

namespace VideoStudio.Server.Http;

/// <summary>Where each owner's uploads live: <c>&lt;DataDirectory&gt;/uploads/&lt;sha256(owner)&gt;/</c> (<see cref="OwnerStorageName"/>).</summary>
public sealed class UploadStore(IOptions<JobOptions> jobs)
{
    /// <summary>The owner's upload folder (created on demand).</summary>
    public string DirectoryFor(string owner) =>
        Path.GetFullPath(Path.Combine(jobs.Value.DataDirectory, "uploads", OwnerStorageName.For(owner)));

    /// <summary>True when <paramref name="path"/> names a file inside the owner's upload folder.</summary>
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
