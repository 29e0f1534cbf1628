using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Store;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Server.Http;

/// <summary>
/// Turns the engine's documented exceptions into problems (404 unknown model, 422 rejected, 402 over budget, 409 an
/// idempotency key reused with another request, 429 too many queued jobs, 503 store unavailable, 507 out of storage), so
/// endpoints stay one call each. Anything else is a 500 whose detail says nothing about internals.
/// </summary>
public sealed class EngineErrorFilter(ILogger<EngineErrorFilter> logger) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (UnknownModelException ex)
        {
            return ProblemResults.Problem(StatusCodes.Status404NotFound, ErrorCodes.UnknownModel, "Unknown model", ex.Message,
                [new ApiViews.IssueView("model", ErrorCodes.UnknownModel, ex.Message)], ex.Suggestions);
        }
        catch (JobRejectedException ex)
        {
            return ProblemResults.Invalid(ex.Message, ex.Issues);
        }
        catch (BudgetExceededException ex)
        {
            return ProblemResults.Problem(StatusCodes.Status402PaymentRequired, ErrorCodes.OverBudget, "Over budget", ex.Message);
        }
        catch (TooManyQueuedJobsException ex)
        {
            // A queued job of the owner's starts within seconds at the account's pace; asking again sooner only adds load.
            context.HttpContext.Response.Headers.RetryAfter = "10";
            return ProblemResults.Problem(StatusCodes.Status429TooManyRequests, ErrorCodes.TooManyQueuedJobs, "Too many queued jobs", ex.Message);
        }
        catch (IdempotencyKeyReusedException ex)
        {
            return ProblemResults.Problem(StatusCodes.Status409Conflict, ErrorCodes.IdempotencyKeyReused, "Idempotency-Key reused with a different request", ex.Message,
                [new ApiViews.IssueView("Idempotency-Key", ErrorCodes.IdempotencyKeyReused, ex.Message)]);
        }
        catch (MediaUnreadableException ex)
        {
            return ProblemResults.Problem(StatusCodes.Status422UnprocessableEntity, ErrorCodes.MediaUnreadable, "A media file cannot be read", ex.Message);
        }
        catch (JsonException ex)
        {
            return ProblemResults.BadRequest("The body is not valid JSON: " + ex.Message, ex.Path ?? "$", ErrorCodes.InvalidJson);
        }
        catch (Exception ex) when (StorageFailure.IsStoreUnavailable(ex))
        {
            logger.LogWarning("Job store unavailable on {Path}: {Reason}", context.HttpContext.Request.Path, ex.GetType().Name);
            return StoreOutage.Problem(context.HttpContext);
        }
        catch (Exception ex) when (StorageFailure.IsOutOfSpace(ex))
        {
            logger.LogError(ex, "Out of storage on {Path}", context.HttpContext.Request.Path);
            return StorageFailures.Problem("this request");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception may quote provider URLs or paths; it goes to the log (redacted by the engine), not to the caller.
            logger.LogError(ex, "Unhandled error on {Path}", context.HttpContext.Request.Path);
            return ProblemResults.Problem(StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "Internal error",
                "The server failed to handle the request; see the server log for details.");
        }
    }
}
