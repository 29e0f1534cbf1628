namespace VideoStudio.Engine.Egress;

/// <summary>
/// What the engine may fetch by URL (media probes, output downloads, pre-signed uploads), bound from
/// <c>VideoStudio:Egress</c>. The defaults are the server's: public addresses only. See docs/security.md.
/// </summary>
public sealed class EgressOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VideoStudio:Egress";

    /// <summary>
    /// Reach loopback, private, link-local and other non-public addresses too. Off by default (a server must not
    /// fetch its own network for a caller); the CLI, run by the machine's own user, turns it on.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// Hosts reachable even at a non-public address, as <c>host</c> (any port) or <c>host:port</c>. The configured
    /// WaveSpeed base URL (the provider, or the embedded simulator) is always on the list.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Redirects followed per request (0–10); each hop's address is checked again.</summary>
    public int MaxRedirects { get; set; } = 3;

    /// <summary>Most bytes fetched to probe a media URL whose field declares no <c>maxBytes</c>.</summary>
    public long MaxProbeBytes { get; set; } = 100L * 1024 * 1024;
}
