using System.Security.Cryptography;
using System.Text;

namespace VideoStudio.Engine.Common;

/// <summary>
/// The file-system name for an owner's storage. Owners are separate by exact identity, so the name is the
/// SHA-256 of the id's UTF-8 bytes: no two ids share a folder, whatever punctuation, case or Unicode normalisation
/// they differ by (a folder name made by replacing characters made <c>team.a</c> and <c>team_a</c> one owner), and
/// no id can climb out of its parent folder.
/// </summary>
public static class OwnerStorageName
{
    /// <summary>64 lowercase hex characters for <paramref name="owner"/>, compared ordinally (never normalised).</summary>
    public static string For(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(owner)));
    }
}
