namespace VideoStudio.Engine.Providers;

/// <summary>
/// Optional capability of a routing provider (through <see cref="IVideoProvider.GetService"/>): the adapter a model's
/// tasks go to, for the calls that name no model or task (an upload before submission). Reach it with
/// <see cref="VideoProviderExtensions.ForModelAsync"/>.
/// </summary>
public interface IProviderRouting
{
    /// <summary>The adapter serving <paramref name="modelId"/>, or null when the primary adapter does.</summary>
    ValueTask<IVideoProvider?> RouteOfAsync(string modelId, CancellationToken cancellationToken);
}
