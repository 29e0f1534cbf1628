using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VideoStudio.Contracts;
using VideoStudio.Server.Http;

namespace VideoStudio.Server.Endpoints;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (catalog loaded, jobs resumed). No key needed.</summary>
public static class HealthEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => TypedResults.Text("live"))
            .Describe("Live", "Liveness", "200 while the process serves requests.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        app.MapGet("/health/ready", (ServerReadiness readiness) => readiness.IsReady
                ? TypedResults.Text("ready")
                : ProblemResults.Problem(StatusCodes.Status503ServiceUnavailable, ErrorCodes.NotReady, "Not ready", "The plugin catalog is still loading."))
            .Describe("Ready", "Readiness", "200 once the plugin catalog is loaded and unfinished jobs were resumed; 503 before.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesApiProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
