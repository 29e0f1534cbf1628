using System.Net;
using VideoStudio.Engine.Egress;

namespace VideoStudio.Tests.Egress;

/// <summary>
/// A dialer that records what the policy let through. By default it connects nowhere (it throws), so a test
/// proves "refused before any connection" by zero calls, and "allowed" by one, without touching the network.
/// </summary>
internal sealed class RecordingDialer(IEgressDialer? inner = null) : IEgressDialer
{
    private readonly List<(IPAddress[] Addresses, int Port)> calls = [];

    public IReadOnlyList<(IPAddress[] Addresses, int Port)> Calls
    {
        get
        {
            lock (calls)
            {
                return calls.ToArray();
            }
        }
    }

    public ValueTask<Stream> ConnectAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        lock (calls)
        {
            calls.Add((addresses.ToArray(), port));
        }

        return inner is null
            ? throw new IOException("RecordingDialer: the policy allowed this connection; the test does not open it.")
            : inner.ConnectAsync(addresses, port, cancellationToken);
    }
}
