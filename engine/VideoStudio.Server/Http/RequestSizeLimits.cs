using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VideoStudio.Server.Http;

/// <summary>
/// Sets the body limit per request before anything reads the body: small for JSON, large for uploads. Done as
/// middleware (not Kestrel options) so it also holds when a host app mounts the API on its own server.
/// </summary>
public static class RequestSizeLimits
{
    /// <summary>Adds the middleware.</summary>
    public static IApplicationBuilder UseVideoStudioRequestLimits(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            ServerOptions options = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value;
            limit.MaxRequestBodySize = context.Request.Path.StartsWithSegments("/v1/uploads", StringComparison.OrdinalIgnoreCase)
                ? options.MaxUploadBytes + (64 * 1024) // room for the multipart framing around the file
                : options.MaxRequestBytes;
        }

        return next(context);
    });
}
