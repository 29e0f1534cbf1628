using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace VideoStudio.Server.Http;

/// <summary>Declares an endpoint's name, words and answers, so /openapi/v1.json describes exactly what the server does.</summary>
public static class OpenApiMetadata
{
    /// <summary>Names and describes an endpoint.</summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder builder, string name, string summary, string description) =>
        builder.WithName(name).WithSummary(summary).WithDescription(description);

    /// <summary>Declares problem answers with the server's problem shape.</summary>
    public static RouteHandlerBuilder ProducesApiProblem(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (int status in statuses)
        {
            builder.Produces<ApiProblem>(status, ProblemResults.ContentType);
        }

        return builder;
    }
}
