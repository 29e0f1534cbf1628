using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Presentation;
using VideoStudio.Engine.Pricing;
using VideoStudio.Server.Http;

namespace VideoStudio.Server.Endpoints;

/// <summary><c>GET /v1/models</c>, <c>/v1/models/{**id}</c> (and <c>…/schema</c>), <c>/v1/schema/{**id}</c>.</summary>
public static class ModelsEndpoints
{
    private const string SchemaSuffix = "/schema";

    /// <summary>Maps the routes.</summary>
    public static void MapModels(this RouteGroupBuilder v1)
    {
        v1.MapGet("/models", ListAsync)
            .Describe("ListModels", "List the installed models", "Every model of every active plugin; `task` filters by task kind (e.g. text-to-video).")
            .Produces<ApiViews.ModelSummary[]>();
        v1.MapGet("/models/{**id}", DetailAsync)
            .Describe("GetModel", "Show a model", "Descriptor, education card, price summary with the card example's price, processing profile and plugin status. "
                + "Model ids contain slashes and are taken whole. `/v1/models/{id}/schema` answers the model's input schema (as GET /v1/schema/{id}).")
            .Produces<ApiViews.ModelDetail>()
            .ProducesApiProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/schema/{**id}", SchemaAsync)
            .Describe("GetModelSchema", "A model's input JSON Schema", "The schema document exactly as the plugin ships it, UI hints included.")
            .Produces<object>(StatusCodes.Status200OK, "application/schema+json")
            .ProducesApiProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(string? task, IVideoStudio studio, CancellationToken cancellationToken)
    {
        CatalogView catalog = await studio.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        return ApiResults.Ok(catalog.Registry.Models.Where(m => task is null || m.Descriptor.Task.Value == task).Select(ApiViews.Summary).ToArray());
    }

    private static async Task<IResult> DetailAsync(string id, IVideoStudio studio, CancellationToken cancellationToken)
    {
        CatalogView catalog = await studio.GetCatalogAsync(cancellationToken).ConfigureAwait(false);

        // A catch-all must end the route template, so `{**id}/schema` arrives here: it is a schema request when the
        // whole id is not a model but the id without the suffix is.
        if (catalog.Registry.TryFind(id) is null && id.EndsWith(SchemaSuffix, StringComparison.Ordinal)
            && catalog.Registry.TryFind(id[..^SchemaSuffix.Length]) is ModelDefinition schemaOf)
        {
            return Schema(schemaOf);
        }

        ModelDefinition model = catalog.Registry.Find(id);
        EstimateReport example = await studio.EstimateExampleAsync(model.Id, cancellationToken).ConfigureAwait(false);
        return ApiResults.Ok(ApiViews.Detail(model, catalog.StatusOf(model), example.Estimate));
    }

    private static async Task<IResult> SchemaAsync(string id, IVideoStudio studio, CancellationToken cancellationToken)
    {
        CatalogView catalog = await studio.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        return Schema(catalog.Registry.Find(id));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Schema(ModelDefinition model) => TypedResults.Text(model.Schema.Text, "application/schema+json");
}
