using System.Globalization;

namespace VideoStudio.Engine.Egress;

/// <summary>One <see cref="EgressOptions.AllowedHosts"/> entry: <c>host</c> or <c>host:port</c> (IPv6 in brackets).</summary>
internal static class EgressHostEntry
{
    /// <summary>The host and optional port of <paramref name="entry"/>.</summary>
    /// <exception cref="FormatException">The entry is not a host or host:port.</exception>
    public static (string Host, int? Port) Parse(string entry)
    {
        if (!TryParse(entry, out string host, out int? port))
        {
            throw new FormatException($"'{entry}' is not a host or host:port.");
        }

        return (host, port);
    }

    /// <summary>Parses without throwing; used to validate options at startup.</summary>
    public static bool TryParse(string? entry, out string host, out int? port)
    {
        host = string.Empty;
        port = null;
        if (string.IsNullOrWhiteSpace(entry) || !Uri.TryCreate("http://" + entry.Trim(), UriKind.Absolute, out Uri? uri)
            || uri.PathAndQuery != "/" || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return false;
        }

        host = uri.IdnHost;
        bool explicitPort = entry.TrimEnd().EndsWith(":" + uri.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        port = explicitPort ? uri.Port : null;
        return true;
    }
}
