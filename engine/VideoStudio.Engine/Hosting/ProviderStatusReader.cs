using Microsoft.Extensions.Options;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Engine.Hosting;

/// <summary>Says which provider the jobs use and whether it can take a job now, for the facade and the server's health.</summary>
public sealed class ProviderStatusReader(IOptionsMonitor<WaveSpeedOptions> wavespeed, IOptions<VideoStudioHostingOptions> hosting, EmbeddedProvider embedded)
{
    /// <summary>The status now.</summary>
    public VideoStudioProviderStatus Current()
    {
        WaveSpeedOptions options = wavespeed.CurrentValue; // resolving them makes the choice
        if (hosting.Value.Provider == ProviderChoice.None)
        {
            return new VideoStudioProviderStatus("none", false, "No provider: this engine serves its catalog, validation and prices only (VideoStudio:Hosting:Provider is None).", null);
        }

        if (embedded.IsChosen)
        {
            return embedded.BaseUrl is Uri url
                ? new VideoStudioProviderStatus("embedded-simulator", true, "The embedded WaveSpeed simulator: nothing is billed.", url)
                : new VideoStudioProviderStatus("embedded-simulator", false, "The embedded WaveSpeed simulator starts with the host (IHost.StartAsync) or EmbeddedProvider.StartAsync.", null);
        }

        return string.IsNullOrEmpty(options.ApiKey)
            ? new VideoStudioProviderStatus("wavespeed", false,
                "No WaveSpeed API key is configured: set WaveSpeed:ApiKey (or WAVESPEED_API_KEY), call UseWaveSpeed(key), or add the VideoStudio.Embedded package to run offline on the simulator.", options.BaseUrl)
            : new VideoStudioProviderStatus("wavespeed", true, "The WaveSpeed API.", options.BaseUrl);
    }
}
