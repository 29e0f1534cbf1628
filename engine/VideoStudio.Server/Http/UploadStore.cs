using System.Text;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Jobs;

namespace VideoStudio.Server.Http;

/// <summary>Where each owner's uploads live: <c>&lt;DataDirectory&gt;/uploads/&lt;owner&gt;/</c>.</summary>
public sealed class UploadStore(IOptions<JobOptions> jobs)
{
    /// <summary>The owner's upload folder (created on demand).</summary>
    public string DirectoryFor(string owner) =>
        Path.GetFullPath(Path.Combine(jobs.Value.DataDirectory, "uploads", SafeSegment(owner)));

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

    // Owners come from configuration, but a folder name must never climb out of uploads/.
    private static string SafeSegment(string owner)
    {
        var sb = new StringBuilder(owner.Length);
        foreach (char c in owner)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return sb.Length == 0 ? "_" : sb.ToString();
    }
}
