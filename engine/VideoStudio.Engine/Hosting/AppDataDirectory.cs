using System.Reflection;
using Microsoft.Extensions.Options;
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
