using Microsoft.Extensions.Options;
using VideoStudio.Engine.Egress;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>The configured WaveSpeed API host is trusted by the egress policy, wherever it resolves (a self-hosted or loopback simulator included).</summary>
internal sealed class WaveSpeedEgressTrust(IOptionsMonitor<WaveSpeedOptions> options) : IEgressTrustedHost
{
    /// <inheritdoc />
    public bool Trusts(string host, int port)
    {
        Uri baseUrl = options.CurrentValue.BaseUrl;
        return EgressPolicy.Same(baseUrl.IdnHost, host) && baseUrl.Port == port;
    }
}
