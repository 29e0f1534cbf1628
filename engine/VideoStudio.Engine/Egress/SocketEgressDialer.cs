using System.Net;
using System.Net.Sockets;

namespace VideoStudio.Engine.Egress;

/// <summary>The real dialer: a dual-mode TCP socket connected to exactly the checked addresses.</summary>
internal sealed class SocketEgressDialer : IEgressDialer
{
    /// <inheritdoc />
    public async ValueTask<Stream> ConnectAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses.ToArray(), port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
