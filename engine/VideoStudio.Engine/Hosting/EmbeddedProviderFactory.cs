namespace VideoStudio.Engine.Hosting;

/// <summary>
/// Starts a WaveSpeed-compatible provider inside the host when no API key is configured. The engine cannot reference
/// the simulator (the simulator references the engine), so the simulator's assembly names its factory with
/// <see cref="EmbeddedProviderFactoryAttribute"/> and <c>AddVideoStudio</c> finds it when that assembly is part of the
/// app (the <c>VideoStudio.Embedded</c> package brings it); <c>UseSimulator()</c> registers it directly.
/// </summary>
public interface IEmbeddedProviderFactory
{
    /// <summary>Starts the provider on loopback; it answers requests once this returns.</summary>
    Task<IEmbeddedProviderServer> StartAsync(EmbeddedProviderRequest request, CancellationToken cancellationToken);
}

/// <summary>What the engine asks of an embedded provider.</summary>
/// <param name="PluginsDirectory">The plugins the host runs, so the provider serves the same models.</param>
/// <param name="ApiKey">The one key it accepts (random per start; never a real key).</param>
/// <param name="WebhookSecret">The <c>whsec_</c> secret it signs webhooks with.</param>
/// <param name="LatencyScale">Multiplies each model's expected processing time.</param>
public sealed record EmbeddedProviderRequest(string PluginsDirectory, string ApiKey, string WebhookSecret, double LatencyScale)
{
    /// <summary>A second plugins directory read after <see cref="PluginsDirectory"/> (the user's own installs); null: none.</summary>
    public string? UserPluginsDirectory { get; init; }

    /// <summary>
    /// Whether it may fetch media URLs on loopback that are not its own uploads (<see cref="VideoStudioHostingOptions.SimulatorFetchLoopbackMedia"/>).
    /// </summary>
    public bool FetchLoopbackMedia { get; init; }
}

/// <summary>A running embedded provider.</summary>
public interface IEmbeddedProviderServer : IAsyncDisposable
{
    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    Uri BaseUrl { get; }

    /// <summary>One line on what it serves (for the start-up log).</summary>
    string Description { get; }
}

/// <summary>Names the <see cref="IEmbeddedProviderFactory"/> an assembly offers (the simulator's).</summary>
/// <param name="factoryType">A public or internal type with a parameterless constructor implementing <see cref="IEmbeddedProviderFactory"/>.</param>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class EmbeddedProviderFactoryAttribute(Type factoryType) : Attribute
{
    /// <summary>The factory type.</summary>
    public Type FactoryType { get; } = factoryType;
}
