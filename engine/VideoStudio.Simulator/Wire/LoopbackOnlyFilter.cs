using System.Net;
using Microsoft.AspNetCore.Http;

namespace VideoStudio.Simulator.Wire;

/// <summary>Test controls answer only callers on this machine, even when the simulator listens more widely.</summary>
internal sealed class LoopbackOnlyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Connection.RemoteIpAddress is IPAddress ip && IPAddress.IsLoopback(ip)
            ? next(context)
            : ValueTask.FromResult<object?>(Envelope.Error(StatusCodes.Status403Forbidden, "Simulator controls are available from loopback only."));
}
