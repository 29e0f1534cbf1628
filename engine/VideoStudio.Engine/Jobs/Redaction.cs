using System.Text.Json.Nodes;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// What the job store may keep of an input: every URL value through <see cref="UrlRedactor"/> (signed-URL queries
/// and user info removed). A thin door to the one redactor, kept for the jobs code that calls it.
/// </summary>
internal static class Redaction
{
    /// <summary>The text that replaces what was removed.</summary>
    public const string Marker = UrlRedactor.Marker;

    /// <summary>A URL without its secrets, or the value unchanged when it is not an http(s) URL.</summary>
    public static string Url(string value) => UrlRedactor.RedactValue(value);

    /// <summary>A copy of <paramref name="input"/> with every URL string value redacted, at any depth.</summary>
    public static JsonObject Input(JsonObject input) => (JsonObject)UrlRedactor.RedactJson(input)!;

    /// <summary>True when redaction removed something, so the stored value cannot be re-sent.</summary>
    public static bool WasRedacted(JsonObject input) => UrlRedactor.ContainsRedacted(input);
}
