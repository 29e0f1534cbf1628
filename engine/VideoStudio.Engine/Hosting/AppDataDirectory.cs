using System.Reflection;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs;

namespace VideoStudio.Engine.Hosting;

/// <summary>
/// The default data directory of an app that embeds the engine: <c>&lt;local app data&gt;/VideoStudio/apps/&lt;entry
/// assembly name&gt;</c>, so one app's jobs never mix with another's or with the CLI's (which keeps
/// <see cref="JobOptions.DefaultDataDirectory"/>). Runs before configuration is bound, so a configured
/// <c>VideoStudio:Jobs:DataDirectory</c> still wins.
/// </summary>
internal sealed class AppDataDirectory : IConfigureOptions<JobOptions>
{
    /// <summary>The folder for the running app.</summary>
    public static string Default()
    {
        string app = Assembly.GetEntryAssembly()?.GetName().Name is { Length: > 0 } name ? name : "app";
        foreach (char invalid in Path.GetInvalidFileNameChars())
        {
            app = app.Replace(invalid, '_');
        }

        string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(root, "VideoStudio", "apps", app);
    }

    /// <inheritdoc />
    public void Configure(JobOptions options) => options.DataDirectory = Default();
}

/// <summary>The plugin install record lives in the data directory unless configured elsewhere (never in the plugins directory).</summary>
internal sealed class PluginStateDirectoryDefault(IOptions<JobOptions> jobs) : IPostConfigureOptions<VideoStudioOptions>
{
    /// <inheritdoc />
    public void PostConfigure(string? name, VideoStudioOptions options)
    {
        // One record whichever provider runs: simulated jobs live in a subfolder, the plugins they run are the same.
        string data = jobs.Value.DataDirectory;
        options.PluginStateDirectory ??= Path.GetFileName(Path.TrimEndingDirectorySeparator(data)) == EmbeddedJobSetup.FolderName ? Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(data)) : data;
    }
}
