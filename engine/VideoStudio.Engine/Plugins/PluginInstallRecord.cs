using System.Text.Json;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// The small state file that says which plugin folder was installed first. It lives in the state directory
/// (<see cref="VideoStudioOptions.PluginStateDirectory"/>, the data directory by default), one file per plugins
/// directory, never in the plugins directory itself: a host may only read that folder (a package's output, a source
/// tree). A record an older version left in the plugins directory is read until the first write moves it. Conflicts of plugin id, model id or alias are decided by it (see <see cref="PluginPrecedence"/>), never by folder
/// names. Each entry is (folder, plugin id, sequence); a folder seen for the first time is appended by the scan that
/// sees it (or by <c>plugins install</c>), so its place in line never changes afterwards. Entries whose folder is gone
/// are pruned; a folder whose plugin id changed counts as a new install. Writes are atomic (temp file + rename) and
/// best effort: a read-only plugins directory still scans deterministically, newcomers ranked as described.
/// </summary>
internal sealed class PluginInstallRecord
{
    /// <summary>The file name older versions kept inside the plugins directory (still read, never written).</summary>
    public const string FileName = ".install-record.json";

    /// <summary>The folder inside the state directory that holds one record per plugins directory.</summary>
    public const string StateFolderName = "plugin-install-records";

    /// <summary>The list of built-in plugin folders the build writes beside them (one folder name a line).</summary>
    public const string BuiltInFileName = "builtin-plugins.txt";

    /// <summary>One installed folder.</summary>
    /// <param name="Folder">Folder name inside the plugins directory.</param>
    /// <param name="PluginId">The plugin id it held when recorded.</param>
    /// <param name="Sequence">Install order: lower was installed earlier.</param>
    public sealed record Entry(string Folder, string PluginId, long Sequence);

    /// <summary>The record file's shape.</summary>
    internal sealed record FileShape(IReadOnlyList<Entry> Installed);

    private PluginInstallRecord(string directory, string? path, IReadOnlyList<Entry> entries, IReadOnlySet<string> builtIn)
    {
        Directory = directory;
        RecordPath = path;
        Entries = entries;
        BuiltIn = builtIn;
    }

    /// <summary>No record: every folder is a newcomer (a folder checked on its own).</summary>
    public static PluginInstallRecord Empty { get; } = new(string.Empty, null, [], new HashSet<string>());

    /// <summary>The plugins directory.</summary>
    public string Directory { get; }

    /// <summary>Where the record is written; null when nothing is recorded.</summary>
    public string? RecordPath { get; }

    /// <summary>
    /// The record's file for <paramref name="pluginsDirectory"/> in <paramref name="stateDirectory"/>: named by the
    /// folder and a hash of its full path, so two plugins directories never share one.
    /// </summary>
    public static string PathFor(string pluginsDirectory, string stateDirectory)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(pluginsDirectory));
        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(full)))[..16];
        return Path.Combine(stateDirectory, StateFolderName, $"{Path.GetFileName(full)}-{hash}.json");
    }

    /// <summary>Recorded folders, in install order.</summary>
    public IReadOnlyList<Entry> Entries { get; }

    /// <summary>Folder names shipped with the host (they come before everything installed).</summary>
    public IReadOnlySet<string> BuiltIn { get; }

    /// <summary>Reads the record of <paramref name="directory"/> kept in <paramref name="stateDirectory"/> (empty when absent or unreadable: the scan then records what it finds).</summary>
    public static PluginInstallRecord Read(string directory, string? stateDirectory, ILogger logger)
    {
        string? recordPath = string.IsNullOrEmpty(stateDirectory) ? null : PathFor(directory, stateDirectory);
        var builtIn = new HashSet<string>(StringComparer.Ordinal);
        string builtInPath = Path.Combine(directory, BuiltInFileName);
        IReadOnlyList<Entry> entries = [];
        try
        {
            if (File.Exists(builtInPath) && new FileInfo(builtInPath).Length < 64 * 1024)
            {
                builtIn.UnionWith(File.ReadAllLines(builtInPath).Select(l => l.Trim().TrimEnd('/', '\\')).Where(l => l.Length > 0));
            }

            string path = recordPath is not null && File.Exists(recordPath) ? recordPath : Path.Combine(directory, FileName);
            if (File.Exists(path) && new FileInfo(path).Length < 4 * 1024 * 1024)
            {
                entries = JsonSerializer.Deserialize(File.ReadAllText(path), PluginManifestJson.InstallRecord)?.Installed ?? [];
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            logger.LogWarning("Plugin install record in {Directory} unreadable ({Message}); newcomers are ranked by folder creation time", directory, ex.Message);
        }

        return new PluginInstallRecord(directory, recordPath, entries.Where(e => e is { Folder: not null, PluginId: not null }).OrderBy(e => e.Sequence).ToArray(), builtIn);
    }

    /// <summary>The recorded sequence of <paramref name="folder"/> holding <paramref name="pluginId"/>, or null for a newcomer.</summary>
    public long? SequenceOf(string folder, string pluginId) =>
        Entries.FirstOrDefault(e => e.Folder == folder && e.PluginId == pluginId)?.Sequence;

    /// <summary>Writes the record with <paramref name="newcomers"/> appended in order and vanished folders pruned; returns whether it changed.</summary>
    public bool Save(IReadOnlyList<(string Folder, string PluginId)> newcomers, IReadOnlySet<string> presentFolders, ILogger logger)
    {
        var kept = Entries.Where(e => presentFolders.Contains(e.Folder) && !newcomers.Any(n => n.Folder == e.Folder)).ToList();
        if (RecordPath is null || (newcomers.Count == 0 && kept.Count == Entries.Count && (Entries.Count == 0 || File.Exists(RecordPath))))
        {
            return false;
        }

        long next = Entries.Count == 0 ? 1 : Entries.Max(e => e.Sequence) + 1;
        kept.AddRange(newcomers.Select((n, i) => new Entry(n.Folder, n.PluginId, next + i)));
        string path = RecordPath;
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(temp, JsonSerializer.Serialize(new FileShape(kept), Json.Indented));
            File.Move(temp, path, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Plugin install record in {Directory} not written ({Message}); the ranking of this scan still holds", Directory, ex.Message);
            TryDelete(temp);
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing to clean up.
        }
    }
}
