using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace VideoStudio.Engine.Egress;

/// <summary>
/// The primary handler of every client that fetches a URL it did not choose: it resolves the name, checks each
/// address against <see cref="EgressPolicy"/>, and connects to exactly the checked addresses inside
/// <see cref="SocketsHttpHandler.ConnectCallback"/>, so a DNS answer cannot change between check and connect.
/// Redirect hops open new connections through the same callback; proxies are off (they would be the checked peer).
/// </summary>
internal sealed class EgressHttpHandler(EgressPolicy policy, IEgressDialer dialer, IOptionsMonitor<EgressOptions> options)
{
    /// <summary>A new handler for one client's pipeline.</summary>
    public SocketsHttpHandler Create()
    {
        int redirects = options.CurrentValue.MaxRedirects;
        return new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = redirects > 0,
            MaxAutomaticRedirections = Math.Max(1, redirects),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync,
        };
    }

    /// <summary>Resolves, checks and connects; throws <see cref="EgressRefusedException"/> before any connection when no address is allowed.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        DnsEndPoint endpoint = context.DnsEndPoint;
        string host = endpoint.Host.Trim('[', ']');
        IPAddress[] addresses = IPAddress.TryParse(host, out IPAddress? literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        IPAddress[] allowed = addresses
            .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Where(a => policy.IsAllowed(host, endpoint.Port, a))
            .ToArray();
        if (allowed.Length == 0)
        {
            throw new EgressRefusedException();
        }

        return await dialer.ConnectAsync(allowed, endpoint.Port, cancellationToken).ConfigureAwait(false);
    }
}
