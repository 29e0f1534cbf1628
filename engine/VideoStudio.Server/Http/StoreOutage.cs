using Microsoft.AspNetCore.Http;
using VideoStudio.Contracts;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Server.Http;

/// <summary>
/// The job store (PostgreSQL or the SQLite file) cannot answer: the server's condition, not a bug. 503 with
/// <c>Retry-After</c> and the stable code <c>store_unavailable</c>, so clients and load balancers back off and retry,
/// instead of a 500 that reads as a defect and is not retried.
/// </summary>
public static class StoreOutage
{
    /// <summary>Seconds a caller should wait before retrying.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The 503 problem, with <c>Retry-After</c> set on <paramref name="http"/>'s response.</summary>
    public static IResult Problem(HttpContext http)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ProblemResults.Problem(StatusCodes.Status503ServiceUnavailable, ErrorCodes.StoreUnavailable, "Job store unavailable",
            $"The server cannot reach its job store right now; nothing was changed. Retry in {RetryAfterSeconds} s.",
            [new ApiViews.IssueView("$", ErrorCodes.StoreUnavailable, "The job store is unreachable.")]);
    }
}
