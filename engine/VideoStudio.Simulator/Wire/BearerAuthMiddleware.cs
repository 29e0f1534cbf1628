using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace VideoStudio.Simulator.Wire;

/// <summary>
/// Every <c>/api/v3</c> call needs <c>Authorization: Bearer &lt;key&gt;</c>; anything else gets WaveSpeed's 401
/// "invalid authentication". Files (outputs, uploads, PUT targets) are open, like signed URLs. The key is never logged.
/// </summary>
internal sealed class BearerAuthMiddleware(RequestDelegate next, SimulatorOptions options)
{
    private readonly byte[] expected = Encoding.UTF8.GetBytes("Bearer " + options.ApiKey);

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api/v3", StringComparison.Ordinal))
        {
            return next(context);
        }

        byte[] given = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
        return CryptographicOperations.FixedTimeEquals(given, expected)
            ? next(context)
            : Envelope.Error(StatusCodes.Status401Unauthorized, "invalid authentication").ExecuteAsync(context);
    }
}
