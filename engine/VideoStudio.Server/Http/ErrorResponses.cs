using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoStudio.Contracts;

namespace VideoStudio.Server.Http;

/// <summary>
/// Makes every <c>/v1</c> error a problem, including the ones the framework answers before an endpoint runs
/// (unreadable body, missing field, unknown route, body too large), which would otherwise be empty responses.
/// </summary>
public static class ErrorResponses
{
    /// <summary>Adds the middleware.</summary>
    public static IApplicationBuilder UseVideoStudioErrorResponses(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // The inner JsonException names the field; RequestProblems keeps that and drops the .NET type names.
            await RequestProblems.From(ex, context.Request).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        HttpResponse response = context.Response;
        if (!response.HasStarted && response.StatusCode == StatusCodes.Status415UnsupportedMediaType && response.ContentType is null)
        {
            await RequestProblems.UnsupportedContentType(context.Request).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!response.HasStarted && response.StatusCode >= 400 && response.ContentType is null && response.ContentLength is null)
        {
            await Problem(response.StatusCode, response.StatusCode switch
            {
                StatusCodes.Status400BadRequest => "The request is malformed: send a JSON body as documented at /openapi/v1.json.",
                StatusCodes.Status404NotFound => $"There is no route {context.Request.Method} {context.Request.Path}; the routes are listed at /openapi/v1.json.",
                StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}; see /openapi/v1.json.",
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                _ => "The request failed.",
            }).ExecuteAsync(context).ConfigureAwait(false);
        }
    });

    private static IResult Problem(int status, string detail) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => ProblemResults.Problem(status, ErrorCodes.BodyTooLarge, "The request body is too large", detail),
        StatusCodes.Status404NotFound => ProblemResults.Problem(status, ErrorCodes.RouteNotFound, "Not found", detail),
        StatusCodes.Status405MethodNotAllowed => ProblemResults.Problem(status, ErrorCodes.MethodNotAllowed, "Method not allowed", detail),
        _ => ProblemResults.Problem(status, status == StatusCodes.Status400BadRequest ? ErrorCodes.BadRequest : ErrorCodes.RequestFailed, "The request is malformed", detail,
            [new Engine.Presentation.ApiViews.IssueView("$", ErrorCodes.BadRequest, detail)]),
    };
}
