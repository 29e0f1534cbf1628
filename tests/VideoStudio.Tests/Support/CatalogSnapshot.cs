using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Hosting;

namespace VideoStudio.Tests.Support;

/// <summary>
/// The catalog snapshot behind <see cref="IVideoStudio.GetCatalogAsync"/>'s read-only view, for tests that look at
/// what a caller cannot: plugin code, workers, health.
/// </summary>
internal static class CatalogSnapshot
{
    /// <summary>The engine's current snapshot, as <see cref="IVideoStudio.GetCatalogAsync"/> reads it.</summary>
    public static Task<PluginCatalog> SnapshotAsync(this IVideoStudio studio, CancellationToken cancellationToken) =>
        ((VideoStudioEngine)studio).SnapshotAsync(cancellationToken);
}
