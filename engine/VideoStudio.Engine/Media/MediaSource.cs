using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Media;

/// <summary>
/// How a media field's value is interpreted: an http(s) URL, another job's output (<c>job:&lt;id&gt;</c>, resolved to
/// its stored file by the job API before validation), or a path on this machine.
/// </summary>
public static class MediaSource
{
    /// <summary>The prefix of a media value naming a finished job's output.</summary>
    public const string JobPrefix = "job:";

    /// <summary>True when the value names a job's output (<c>job:&lt;id&gt;</c>); <paramref name="jobId"/> is the id.</summary>
    public static bool IsJobOutput(string value, out string jobId)
    {
        bool job = value.StartsWith(JobPrefix, StringComparison.Ordinal) && value.Length > JobPrefix.Length;
        jobId = job ? value[JobPrefix.Length..].Trim() : string.Empty;
        return job;
    }

    /// <summary>True when the value is an http or https URL.</summary>
    public static bool IsRemote(string value, out Uri? uri) => HttpUrl.TryParse(value, out uri);

    /// <summary>The local path a non-URL value names (a <c>file://</c> URI or a plain path, relative to the working directory).</summary>
    public static string LocalPath(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && uri.IsFile ? uri.LocalPath : Path.GetFullPath(value);
}
