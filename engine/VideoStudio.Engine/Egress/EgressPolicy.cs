using System.Net;
using Microsoft.Extensions.Options;

namespace VideoStudio.Engine.Egress;

/// <summary>
/// Decides whether one connection may be opened: to a public address, to a host on the allow-list (the provider's
/// base URL, given as an <see cref="IEgressTrustedHost"/>, and <see cref="EgressOptions.AllowedHosts"/>), or anywhere when private networks are allowed (the CLI).
/// Checked on the resolved address of every connection, redirects included (<see cref="EgressHttpHandler"/>).
/// </summary>
public sealed class EgressPolicy(IOptionsMonitor<EgressOptions> options, IEnumerable<IEgressTrustedHost> trusted)
{
    /// <summary>True when a connection to <paramref name="address"/> for <paramref name="host"/>:<paramref name="port"/> is allowed.</summary>
    public bool IsAllowed(string host, int port, IPAddress address) =>
        options.CurrentValue.AllowPrivateNetworks || EgressAddresses.IsPublic(address) || IsAllowListed(host, port);

    /// <summary>True when <paramref name="host"/>:<paramref name="port"/> is the provider's or a configured host.</summary>
    public bool IsAllowListed(string host, int port)
    {
        if (trusted.Any(t => t.Trusts(host.Trim('[', ']'), port)))
        {
            return true;
        }

        foreach (string entry in options.CurrentValue.AllowedHosts)
        {
            (string allowedHost, int? allowedPort) = EgressHostEntry.Parse(entry);
            if (Same(allowedHost, host) && (allowedPort is null || allowedPort == port))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Host names compared as the policy does: case-insensitive, IPv6 brackets ignored.</summary>
    public static bool Same(string a, string b) => string.Equals(a.Trim('[', ']'), b.Trim('[', ']'), StringComparison.OrdinalIgnoreCase);
}
