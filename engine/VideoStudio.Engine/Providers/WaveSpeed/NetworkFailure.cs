using System.Net.Sockets;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>Decides whether a failed request provably never reached the server, the only case where a paid submit may be re-sent.</summary>
internal static class NetworkFailure
{
    /// <summary>
    /// True for name-resolution failures and for connection errors whose socket error says the connection was never
    /// established (refused, host not found, network/host unreachable). Resets, timeouts and anything ambiguous are
    /// false: the request may have been received.
    /// </summary>
    public static bool NeverReachedServer(HttpRequestException exception)
    {
        if (exception.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            return true;
        }

        if (exception.HttpRequestError != HttpRequestError.ConnectionError)
        {
            return false;
        }

        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound
                    or SocketError.NetworkUnreachable or SocketError.HostUnreachable;
            }
        }

        return false;
    }
}
