using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace VideoStudio.Server.Http;

/// <summary>Declares an endpoint's name, words and answers, so /openapi/v1.json describes exactly what the server does.</summary>
public static class OpenApiMetadata
{
    /// <summary>Names and describes an endpoint.</summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder builder, string name, string summary, string description) =>
        builder.WithName(name).WithSummary(summary).WithDescription(description);

    /// <summary>
    /// Declares a 200 JSON answer that is one of two shapes (e.g. the settings, or <c>{"configured": false}</c>):
    /// the document's schema is <c>oneOf</c> both views, each generated from its type.
    /// </summary>
    public static RouteHandlerBuilder ProducesOneOf<TFirst, TSecond>(this RouteHandlerBuilder builder) =>
        builder.Produces<TFirst>().AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            OpenApiSchema first = await context.GetOrCreateSchemaAsync(typeof(TFirst), null, cancellationToken).ConfigureAwait(false);
            OpenApiSchema second = await context.GetOrCreateSchemaAsync(typeof(TSecond), null, cancellationToken).ConfigureAwait(false);
            if (operation.Responses is { } responses && responses.TryGetValue("200", out IOpenApiResponse? ok)
                && ok.Content is { } content && content.TryGetValue("application/json", out OpenApiMediaType? json))
            {
                json.Schema = new OpenApiSchema { OneOf = [first, second] };
            }
        });

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
