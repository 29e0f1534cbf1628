namespace VideoStudio.Engine.Hosting;

/// <summary>Which provider the jobs talk to (<see cref="VideoStudioHostingOptions.Provider"/>).</summary>
public enum ProviderChoice
{
    /// <summary>WaveSpeed when an API key is configured, otherwise the embedded simulator (when its package is present).</summary>
    Automatic,

    /// <summary>The embedded WaveSpeed simulator on 127.0.0.1, whatever key is configured: nothing is billed (<c>UseSimulator()</c>).</summary>
    Simulator,

    /// <summary>The real WaveSpeed API; a missing key is reported at start (<c>UseWaveSpeed(key)</c>).</summary>
    WaveSpeed,

    /// <summary>No provider is started or checked: an engine used only for its catalog, validation and prices (the simulator's own).</summary>
    None,
}
