using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.Server.Http;

namespace VideoStudio.Server.Endpoints;

/// <summary>
/// <c>/health/live</c> (the process answers), <c>/health/ready</c> (catalog loaded, jobs resumed, and the job store
/// answers now) and <c>/health/provider</c> (which provider the jobs use and whether it is reachable). No key needed.
/// </summary>
public static class HealthEndpoints
{
    // A readiness probe must answer fast even when the database hangs (a stopped server can leave connects pending).
    private static readonly TimeSpan StoreProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Maps the routes.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => TypedResults.Text("live"))
            .Describe("Live", "Liveness", "200 while the process serves requests.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        app.MapGet("/health/ready", ReadyAsync)
            .Describe("Ready", "Readiness",
                "200 once the plugin catalog is loaded, unfinished jobs were resumed and the job store answers; 503 before, and while the store is unreachable (code store_unavailable, with Retry-After).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesApiProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/health/provider", (IVideoStudio studio) => TypedResults.Ok(studio.GetProviderStatus()))
            .Describe("ProviderHealth", "Provider",
                "Which provider the jobs use (wavespeed, embedded-simulator or none), whether a job submitted now reaches it, and why not; never a key.")
            .Produces<VideoStudioProviderStatus>(StatusCodes.Status200OK);
    }

    private static async Task<IResult> ReadyAsync(HttpContext http, ServerReadiness readiness, IVideoJobs jobs, CancellationToken cancellationToken)
    {
        if (!readiness.IsReady)
        {
            return ProblemResults.Problem(StatusCodes.Status503ServiceUnavailable, ErrorCodes.NotReady, "Not ready",
                readiness.Waiting ?? "The plugin catalog is still loading.");
        }

        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probe.CancelAfter(StoreProbeTimeout);
        try
        {
            // The cheapest read through the facade: one indexed query for an owner that has no jobs.
            await jobs.ListAsync("health-probe", limit: 1, cancellationToken: probe.Token).ConfigureAwait(false);
            return TypedResults.Text("ready");
        }
        catch (Exception ex) when (StorageFailure.IsStoreUnavailable(ex) || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return StoreOutage.Problem(http);
        }
    }
}
