using Microsoft.AspNetCore.Http;
using VideoStudio.Contracts;

namespace VideoStudio.Server.Http;

/// <summary>Authenticates every <c>/v1</c> call and records its owner for the endpoint (401 problem otherwise).</summary>
public sealed class OwnerFilter(OwnerResolver resolver) : IEndpointFilter
{
    private const string ItemKey = "videostudio.owner";

    /// <summary>The owner the filter resolved for this request.</summary>
    public static string OwnerOf(HttpContext context) =>
        context.Items[ItemKey] as string ?? throw new InvalidOperationException("The endpoint is not behind OwnerFilter.");

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpContext http = context.HttpContext;
        bool allowQuery = http.GetEndpoint()?.Metadata.GetMetadata<AccessTokenQueryAllowed>() is not null;
        if (resolver.Resolve(http, allowQuery) is not string owner)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return ProblemResults.Problem(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "An API key is required",
                "Send 'Authorization: Bearer <key>' with a key configured in VideoStudio:Server:ApiKeys" + (allowQuery ? " (or ?access_token=<key> on this route)." : "."));
        }

        http.Items[ItemKey] = owner;
        return await next(context).ConfigureAwait(false);
    }
}

/// <summary>Marks a route that also takes the key as <c>?access_token=</c> (a &lt;video src&gt; or EventSource cannot send headers).</summary>
public sealed class AccessTokenQueryAllowed
{
    /// <summary>The shared instance.</summary>
    public static AccessTokenQueryAllowed Instance { get; } = new();
}
