using Microsoft.Extensions.Options;
using VideoStudio.Engine.Jobs;

namespace VideoStudio.Engine.Hosting;

/// <summary>
/// SQLite keeps its file in the data directory: a folder that cannot be created or written is a setting to fix, said
/// when the host validates its options at start (before any hosted service, the job worker included, opens the
/// store), naming the folder and the setting. PostgreSQL is not probed: an outage at start is waited out
/// (docs/scale-out.md), not a configuration error. Off with <see cref="VideoStudioHostingOptions.CheckAtStart"/>.
/// </summary>
internal sealed class JobStoreFolderCheck(IOptions<VideoStudioHostingOptions> hosting) : IValidateOptions<JobOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, JobOptions options)
    {
        if (!hosting.Value.CheckAtStart || !string.Equals(options.Store, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Skip;
        }

        string probe = Path.Combine(options.DataDirectory, ".write-check-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(options.DataDirectory);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return ValidateOptionsResult.Fail(
                $"The job store cannot be opened: the data directory '{options.DataDirectory}' cannot be written ({ex.Message}). Set VideoStudio:Jobs:DataDirectory (JobOptions.DataDirectory) to a folder this app may write.");
        }
    }
}
