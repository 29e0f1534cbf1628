using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VideoStudio.Engine.Common;

/// <summary>
/// The one redactor of secrets carried in URLs: the query and fragment (where signed-URL signatures and tokens live)
/// and the user info (<c>http://user:password@host/</c>). Records, logs, exception messages and answers all use it.
/// What remains is <c>scheme://host[:port]/path</c> followed by <see cref="Marker"/> when something was removed.
/// </summary>
public static partial class UrlRedactor
{
    /// <summary>The text that replaces what was removed, so a reader (and the job resumer) can tell.</summary>
    public const string Marker = "?[redacted]";

    /// <summary>For logs and messages: a URL (or URL-like text) without its secrets; <c>&lt;none&gt;</c> for null or empty.</summary>
    public static string Redact(Uri? url)
    {
        if (url is null)
        {
            return "<none>";
        }

        return url.IsAbsoluteUri ? RedactAbsolute(url) : Redact(url.OriginalString);
    }

    /// <summary>Same as <see cref="Redact(Uri?)"/> for text that may not parse as a URL (cut at the first '?' or '#').</summary>
    public static string Redact(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return "<none>";
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out Uri? parsed))
        {
            return RedactAbsolute(parsed);
        }

        int cut = url.IndexOfAny(['?', '#']);
        return cut < 0 ? url : url[..cut] + Marker;
    }

    /// <summary>
    /// For stored values: an http(s) URL without its secrets, or the value unchanged when it is not an http(s) URL
    /// (a prompt with a question mark stays whole).
    /// </summary>
    public static string RedactValue(string value) =>
        HttpUrl.TryParse(value, out Uri? uri)
            ? RedactAbsolute(uri)
            : value;

    /// <summary>Every URL inside free text (a provider's error message) redacted.</summary>
    public static string RedactText(string text) => UrlInText().Replace(text, m => Redact(m.Value));

    /// <summary>A copy of <paramref name="node"/> with every http(s) URL string value redacted, at any depth.</summary>
    public static JsonNode? RedactJson(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, RedactJson(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(RedactJson).ToArray()),
        JsonValue v when v.TryGetValue(out string? s) => JsonValue.Create(RedactValue(s)),
        _ => node?.DeepClone(),
    };

    /// <summary>True when some string at any depth of <paramref name="node"/> was redacted (so it cannot be re-sent).</summary>
    public static bool ContainsRedacted(JsonNode? node) => node switch
    {
        JsonObject o => o.Any(kv => ContainsRedacted(kv.Value)),
        JsonArray a => a.Any(ContainsRedacted),
        JsonValue v => v.TryGetValue(out string? s) && s.EndsWith(Marker, StringComparison.Ordinal),
        _ => false,
    };

    private static string RedactAbsolute(Uri url)
    {
        // SchemeAndServer is scheme, host and port: the user info is left out.
        string head = url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        bool removed = url.UserInfo.Length > 0 || url.Query.Length > 0 || url.Fragment.Length > 0;
        return removed ? head + Marker : head;
    }

    [GeneratedRegex(@"https?://\S+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlInText();
}
