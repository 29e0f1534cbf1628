using System.Diagnostics.CodeAnalysis;

namespace VideoStudio.Engine.Common;

/// <summary>The one answer to "is this an http(s) URL?", for media values, webhook targets, redaction and options alike.</summary>
public static class HttpUrl
{
    /// <summary>True when <paramref name="value"/> is an absolute http or https URL.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out Uri? uri)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out uri) && Is(uri))
        {
            return true;
        }

        uri = null;
        return false;
    }

    /// <summary>True when <paramref name="uri"/> is absolute and http or https.</summary>
    public static bool Is(Uri uri) => uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
