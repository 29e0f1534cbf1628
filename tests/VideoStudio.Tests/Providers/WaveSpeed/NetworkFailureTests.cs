using System.Net.Sockets;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Providers.WaveSpeed;

public sealed class NetworkFailureTests
{
    [Theory]
    [InlineData(SocketError.ConnectionRefused)]
    [InlineData(SocketError.HostNotFound)]
    [InlineData(SocketError.NetworkUnreachable)]
    public void NeverReachedServer_ConnectFailure_True(SocketError code)
    {
        NetworkFailure.NeverReachedServer(new HttpRequestException(HttpRequestError.ConnectionError, "x", new SocketException((int)code))).ShouldBeTrue();
    }

    [Fact]
    public void NeverReachedServer_NameResolution_True()
    {
        NetworkFailure.NeverReachedServer(new HttpRequestException(HttpRequestError.NameResolutionError, "x")).ShouldBeTrue();
    }

    [Theory]
    [InlineData(HttpRequestError.ConnectionError, SocketError.ConnectionReset)]
    [InlineData(HttpRequestError.ConnectionError, SocketError.TimedOut)]
    [InlineData(HttpRequestError.ResponseEnded, SocketError.ConnectionRefused)]
    [InlineData(HttpRequestError.Unknown, SocketError.ConnectionRefused)]
    public void NeverReachedServer_AmbiguousFailure_False(HttpRequestError error, SocketError code)
    {
        NetworkFailure.NeverReachedServer(new HttpRequestException(error, "x", new SocketException((int)code))).ShouldBeFalse();
    }

    [Fact]
    public void NeverReachedServer_ConnectionErrorWithoutSocketDetail_False()
    {
        NetworkFailure.NeverReachedServer(new HttpRequestException(HttpRequestError.ConnectionError, "x", new IOException())).ShouldBeFalse();
    }
}
