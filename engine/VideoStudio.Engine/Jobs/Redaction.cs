using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// What the job store may keep of an input: every URL value through <see cref="UrlRedactor"/> (signed-URL queries
/// and user info removed). A thin door to the one redactor, kept for the jobs code that calls it.
/// </summary>
internal static partial class Redaction
{
    /// <summary>The text that replaces what was removed.</summary>
    public const string Marker = UrlRedactor.Marker;

    /// <summary>A URL without its secrets, or the value unchanged when it is not an http(s) URL.</summary>
    public static string Url(string value) => UrlRedactor.RedactValue(value);

    /// <summary>A copy of <paramref name="input"/> with every URL string value redacted, at any depth.</summary>
    public static JsonObject Input(JsonObject input) => (JsonObject)UrlRedactor.RedactJson(input)!;

    /// <summary>True when redaction removed something, so the stored value cannot be re-sent.</summary>
    public static bool WasRedacted(JsonObject input) => UrlRedactor.ContainsRedacted(input);

    /// <summary>
    /// A message fit for a job record or an event (which callers read): every absolute file-system path in it is
    /// replaced by its file name, so no server path (data directory, shared output folder, staging file) reaches a
    /// caller. URLs are left as they are.
    /// </summary>
    public static string Message(string message) => AbsolutePath().Replace(message, m => FileName(m.Value.TrimEnd('.', ',', ';', ':')));

    // The last segment of a POSIX or Windows path, whatever this host's separator.
    private static string FileName(string path) => path[(path.LastIndexOfAny(['/', '\\']) + 1)..] is { Length: > 0 } name ? name : "(a server path)";

    // A path starting at the root ("/srv/…", "C:\…", "\\server\…") after the start, a space, a quote or a bracket;
    // the "//" of a URL follows a colon, so it is not one.
    [GeneratedRegex("""(?<=^|[\s'"(\[])(?:/|[A-Za-z]:\\|\\\\)[^\s'"()\[\]]+""")]
    private static partial Regex AbsolutePath();
}
