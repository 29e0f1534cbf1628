using System.Net;

namespace VideoStudio.Engine.Egress;

/// <summary>
/// Opens the TCP connection to addresses the policy has already allowed. The seam exists so tests can prove a
/// refusal happened before any connection was attempted.
/// </summary>
internal interface IEgressDialer
{
    /// <summary>Connects to the first reachable of <paramref name="addresses"/> on <paramref name="port"/>.</summary>
    ValueTask<Stream> ConnectAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken);
}
