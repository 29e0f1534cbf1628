using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// Remembers which plugin data passed every load-time check (meta-schemas, schema parse, invariants, card
/// examples), so a later start can skip those checks for the very same bytes. An entry is named by a SHA-256 over
/// this engine build and every data file's name and content: any change to any file, or a different engine, is a
/// different key, so a stale entry can never be used. Only data checks are skipped; size, depth and syntax limits
/// (<see cref="PluginFileGuard"/>) and the plugin's code are checked on every load.
/// </summary>
public sealed class PluginValidationCache(IOptions<VideoStudioOptions> options, ILogger<PluginValidationCache> logger)
{
    // The checks' own code is part of the key: a rebuilt engine or contracts assembly re-validates everything.
    private static readonly byte[] EngineIdentity = Encoding.UTF8.GetBytes(
        "videostudio.plugin-data.v1|" + typeof(PluginValidationCache).Assembly.ManifestModule.ModuleVersionId + "|" + typeof(Contracts.ModelDescriptor).Assembly.ManifestModule.ModuleVersionId);

    private string? Directory => options.Value.CatalogCacheDirectory is { Length: > 0 } dir ? dir : null;

    /// <summary>False when <see cref="VideoStudioOptions.CatalogCacheDirectory"/> is empty: every load checks everything.</summary>
    public bool Enabled => Directory is not null;

    /// <summary>The key of a plugin's data files (name and text of each, in the order read).</summary>
    public static string KeyOf(IEnumerable<(string Name, string Text)> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(EngineIdentity);
        foreach ((string name, string text) in files)
        {
            // Length-prefixed so that moving bytes between a name and a text, or between files, changes the key.
            Append(hash, name);
            Append(hash, text);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// The key of a plugin folder's code as the host activates it: this engine build, the plugin id and every file in
    /// the folder (relative path and bytes, dot-folders aside), so a rebuilt assembly, a changed dependency or a changed
    /// manifest is another key. A key marked validated means this exact code activated in this engine before
    /// (<see cref="Catalog.PluginDiscovery"/> then defers activating it until a request needs its code).
    /// </summary>
    public static string CodeKeyOf(string pluginId, string directory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(EngineIdentity);
        Append(hash, "code|" + pluginId);
        string root = Path.GetFullPath(directory);
        foreach (string file in System.IO.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .Order(StringComparer.Ordinal))
        {
            Append(hash, file);
            byte[] bytes = File.ReadAllBytes(Path.Combine(root, file));
            AppendLength(hash, bytes.Length);
            hash.AppendData(bytes);
        }

        return "code-" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Whether data with this key passed every check before.</summary>
    public bool IsValidated(string key) => Directory is string dir && File.Exists(Path.Combine(dir, key));

    /// <summary>What <see cref="MarkValidated"/> wrote for this key (its last word is the detail), or null when there is no entry or it cannot be read.</summary>
    public string? ReadEntry(string key)
    {
        try
        {
            return Directory is string dir ? File.ReadAllText(Path.Combine(dir, key)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Records that data with this key passed every check (with <paramref name="detail"/>, a word without spaces, when
    /// given); a cache that cannot be written only costs the next start its speed.
    /// </summary>
    public void MarkValidated(string key, string pluginId, string version, string? detail = null)
    {
        if (Directory is not string dir || IsValidated(key))
        {
            return;
        }

        try
        {
            System.IO.Directory.CreateDirectory(dir);
            string temporary = Path.Combine(dir, $".{key}.{Guid.NewGuid():N}.tmp");
            File.WriteAllText(temporary, detail is null ? $"{pluginId} {version}\n" : $"{pluginId} {version} {detail}\n");
            File.Move(temporary, Path.Combine(dir, key), overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogDebug("Catalog cache {Directory} not written: {Reason}", dir, ex.Message);
        }
    }

    private static void Append(IncrementalHash hash, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        AppendLength(hash, bytes.Length);
        hash.AppendData(bytes);
    }

    private static void AppendLength(IncrementalHash hash, int value)
    {
        Span<byte> length = stackalloc byte[sizeof(int)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, value);
        hash.AppendData(length);
    }
}
