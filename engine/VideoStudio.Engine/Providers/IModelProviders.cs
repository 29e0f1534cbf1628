namespace VideoStudio.Engine.Providers;

/// <summary>
/// Which provider serves a model, as its plugin says (the manifest's <c>provider</c>): the map
/// <see cref="RoutingVideoProvider"/> routes submissions by. Implemented above this layer (Hosting/, over the
/// catalog), so the seam knows no plugin.
/// </summary>
public interface IModelProviders
{
    /// <summary>The provider name serving <paramref name="modelId"/> (e.g. <c>wavespeed</c>, <c>local</c>), or null when the model is unknown.</summary>
    ValueTask<string?> ProviderOfAsync(string modelId, CancellationToken cancellationToken);
}
