using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog.Import;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Providers.WaveSpeed;
using VideoStudio.Server.Http;

namespace VideoStudio.Server.Endpoints;

/// <summary>
/// <c>POST /v1/plugins/import</c>: as <c>videostudio plugins import</c>, for a server's operator. Body
/// <c>{"models": [ids], "family"?: name, "dryRun"?: bool, "upgrade"?: bool}</c>; answers the plugins built (files
/// included) and the folders they were installed into. The catalog is reloaded before it answers, so the imported
/// models validate, price and run at once. An installed plugin is never replaced without <c>upgrade</c> (409).
/// </summary>
public static class PluginImportEndpoints
{
    /// <summary>The request body.</summary>
    /// <param name="Models">Exact provider model ids.</param>
    /// <param name="Family">One plugin of this family for all of them (default: each id's family).</param>
    /// <param name="DryRun">Build and answer the files; write nothing.</param>
    /// <param name="Upgrade">Replace an installed plugin of the same id, bumping its version.</param>
    public sealed record ImportBody(IReadOnlyList<string>? Models, string? Family = null, bool DryRun = false, bool Upgrade = false);

    /// <summary>Maps the route.</summary>
    public static void MapPluginImport(this RouteGroupBuilder v1)
    {
        v1.MapPost("/plugins/import", async (ImportBody body, IVideoStudioPlugins plugins, IOptions<WaveSpeedOptions> provider, CancellationToken cancellationToken) =>
            {
                if (body.Models is not { Count: > 0 } models)
                {
                    return ProblemResults.BadRequest("Name at least one model id in 'models'.", "/models", ErrorCodes.Required);
                }

                try
                {
                    ImportReport report = await plugins.ImportAsync(new ImportRequest(models, body.Family, body.DryRun, body.Upgrade), $"GET {provider.Value.BaseUrl}api/v3/models", cancellationToken).ConfigureAwait(false);
                    return ApiResults.Ok(report);
                }
                catch (PluginImportException ex)
                {
                    return ProblemResults.Problem(StatusCodes.Status409Conflict, ErrorCodes.NotAllowed, "Import refused", ex.Message);
                }
            })
            .Describe("ImportPlugins", "Import models as plugins", "Writes a checked, data-only plugin per family from the provider's live catalogue, installs it into the plugins directory and reloads; dryRun answers the files without writing.")
            .Produces<ImportReport>();
    }
}
