using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// Removes what must never be stored or logged: query strings of URLs (signed-URL tokens) in any string value.
/// </summary>
public static class Redaction
{
    /// <summary>The text that replaces a removed query string.</summary>
    public const string Marker = "?[redacted]";

    /// <summary>A URL without its query string (and fragment), or the value unchanged when it is not an http(s) URL with one.</summary>
    public static string Url(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && (uri.Query.Length > 1 || uri.Fragment.Length > 1)
            ? uri.GetLeftPart(UriPartial.Path) + Marker
            : value;

    /// <summary>A copy of <paramref name="input"/> with every URL string value redacted.</summary>
    public static JsonObject Input(JsonObject input)
    {
        var copy = (JsonObject)input.DeepClone();
        foreach (string key in copy.Select(kv => kv.Key).ToArray())
        {
            if (copy[key] is JsonValue v && v.TryGetValue(out string? s))
            {
                copy[key] = Url(s);
            }
        }

        return copy;
    }

    /// <summary>True when redaction removed something, so the stored value cannot be re-sent.</summary>
    public static bool WasRedacted(JsonObject input) =>
        input.Any(kv => kv.Value is JsonValue v && v.TryGetValue(out string? s) && s.EndsWith(Marker, StringComparison.Ordinal));
}
