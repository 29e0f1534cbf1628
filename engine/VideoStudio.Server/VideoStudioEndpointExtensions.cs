using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using VideoStudio.Server.Endpoints;
using VideoStudio.Server.Http;

namespace VideoStudio.Server;

/// <summary>Mounts the API, the OpenAPI document and the console on an app (after <c>AddVideoStudioServer</c> + <c>AddVideoStudio</c>).</summary>
public static class VideoStudioEndpointExtensions
{
    /// <summary>Maps every route of docs/http-api.md and serves the console from <c>wwwroot/</c> beside the assembly.</summary>
    public static WebApplication MapVideoStudio(this WebApplication app)
    {
        app.UseVideoStudioRequestLimits();
        app.UseVideoStudioErrorResponses();
        string webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(webRoot))
        {
            var files = new PhysicalFileProvider(webRoot);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        RouteGroupBuilder v1 = app.MapGroup("/v1").AddEndpointFilter<OwnerFilter>().AddEndpointFilter<EngineErrorFilter>()
            .ProducesApiProblem(StatusCodes.Status401Unauthorized);
        v1.MapModels();
        v1.MapValidation();
        v1.MapJobs();
        v1.MapWebhooksOut();
        v1.MapUploads();
        v1.MapPlugins();
        v1.MapPluginImport();
        app.MapWebhooks();
        app.MapHealth();
        app.MapOpenApi();
        if (app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.PrometheusMetrics)
        {
            app.MapPrometheusScrapingEndpoint("/metrics").ExcludeFromDescription(); // Prometheus text, not the JSON API
        }
        return app;
    }

    private static RouteGroupBuilder ProducesApiProblem(this RouteGroupBuilder group, int status) =>
        group.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiProblem), [ProblemResults.ContentType]));
}
