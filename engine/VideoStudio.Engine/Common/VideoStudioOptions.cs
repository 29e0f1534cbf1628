using System.ComponentModel.DataAnnotations;
namespace VideoStudio.Engine.Common;

/// <summary>Engine settings, bound from the <c>VideoStudio</c> configuration section.</summary>
public sealed class VideoStudioOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "VideoStudio";

    /// <summary>Where plugin folders are; by default <c>plugins/</c> beside the executable (the build fills it).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "VideoStudio:PluginsDirectory is empty: give the folder that holds the plugin folders.")]
    public string PluginsDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>
    /// The user's own plugins directory, read after <see cref="PluginsDirectory"/> (whose plugins keep their names
    /// first); <c>plugins install</c> writes here. It lives outside the host's install (the CLI uses
    /// <c>&lt;data directory&gt;/plugins</c>), so updating the tool keeps what the user installed. Null: none.
    /// </summary>
    public string? UserPluginsDirectory { get; set; }

    /// <summary>The directories plugins are read from, first claimant first: the shipped one, then the user's.</summary>
    public IReadOnlyList<string> PluginsDirectories =>
        UserPluginsDirectory is { Length: > 0 } user && !SamePath(user, PluginsDirectory) ? [PluginsDirectory, user] : [PluginsDirectory];

    /// <summary>Where <c>plugins install</c> puts a plugin: the user's directory when there is one.</summary>
    public string InstallDirectory => UserPluginsDirectory is { Length: > 0 } user ? user : PluginsDirectory;

    /// <summary>
    /// Where the record of plugin data that passed every load-time check is kept (the plugin validation cache),
    /// so a start skips re-checking unchanged files; by default the user's local application data. Empty: no cache.
    /// </summary>
    public string CatalogCacheDirectory { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "VideoStudio", "catalog-cache");

    /// <summary>
    /// Where the engine keeps what it records about a plugins directory (the install record that ranks conflicting
    /// plugins); by default the data directory (<c>VideoStudio:Jobs:DataDirectory</c>). The engine never writes into
    /// a plugins directory it only reads. Null: nothing is recorded (a ranking still holds for one scan).
    /// </summary>
    public string? PluginStateDirectory { get; set; }

    /// <summary>A long-running host (the server) watches <see cref="PluginsDirectory"/> and reloads plugins on change. Off: only <c>POST /v1/plugins/reload</c> reloads.</summary>
    public bool WatchPluginsDirectory { get; set; } = true;

    /// <summary>How long the plugins directory must be quiet after a change before the reload runs.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "00:01:00", "between zero and 1 minute")]
    public TimeSpan PluginReloadDebounce { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Fetch media given as http(s) URLs to probe it (duration, size, kind). Off: URLs are not checked and media-priced estimates need hints.</summary>
    public bool ProbeRemoteMedia { get; set; } = true;

    /// <summary>
    /// Time limit for fetching a remote media file to probe it (part of the egress policy, docs/security.md): a slow
    /// URL must not hold a request for long.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "00:10:00", "above zero and at most 10 minutes", MinimumIsExclusive = true)]
    public TimeSpan RemoteProbeTimeout { get; set; } = TimeSpan.FromSeconds(20);

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);
}
