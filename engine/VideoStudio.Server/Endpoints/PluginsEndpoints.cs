using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Presentation;
using VideoStudio.Server.Http;

namespace VideoStudio.Server.Endpoints;

/// <summary>
/// <c>GET /v1/plugins</c>: every plugin folder with its status and reason (as `plugins --json`);
/// <c>POST /v1/plugins/reload</c>: read the plugins directory again now (the server also watches it).
/// </summary>
public static class PluginsEndpoints
{
    /// <summary>Maps the route.</summary>
    public static void MapPlugins(this RouteGroupBuilder v1)
    {
        v1.MapGet("/plugins", async (IVideoStudio studio, CancellationToken cancellationToken) =>
                ApiResults.Ok(ApiViews.Plugins((await studio.GetCatalogAsync(cancellationToken).ConfigureAwait(false)).Plugins)))
            .Describe("ListPlugins", "List plugins", "Every plugin folder found: active, code-failed, degraded or quarantined, with the reason and its models.")
            .Produces<ApiViews.PluginView[]>();
        v1.MapPost("/plugins/reload", async (IVideoStudioPlugins plugins, CancellationToken cancellationToken) =>
                ApiResults.Ok(ApiViews.Reload(await plugins.ReloadAsync(cancellationToken).ConfigureAwait(false))))
            .Describe("ReloadPlugins", "Reload plugins", "Reads the plugins directory again and swaps the catalog atomically: added, upgraded and removed folders take effect; requests in flight finish on the catalog they started with.")
            .Produces<ApiViews.PluginReloadView>();
    }
}
