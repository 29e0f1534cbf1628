namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>
/// Strips query strings and fragments (where signed-URL signatures and tokens live) and user info from URLs
/// before they reach logs or exception messages.
/// </summary>
public static class UrlRedaction
{
    /// <summary>The URL as <c>scheme://host[:port]/path</c>, with "?…" appended when a query was removed.</summary>
    public static string Redact(Uri? url)
    {
        if (url is null)
        {
            return "<none>";
        }

        if (!url.IsAbsoluteUri)
        {
            return Redact(url.OriginalString);
        }

        string head = url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        return string.IsNullOrEmpty(url.Query) && string.IsNullOrEmpty(url.Fragment) ? head : head + "?…";
    }

    /// <summary>Same as <see cref="Redact(Uri?)"/> for text that may not parse as a URL.</summary>
    public static string Redact(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return "<none>";
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out Uri? parsed))
        {
            return Redact(parsed);
        }

        int cut = url.IndexOfAny(['?', '#']);
        return cut < 0 ? url : url[..cut] + "?…";
    }
}
