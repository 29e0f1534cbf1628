using System.Globalization;
using Microsoft.AspNetCore.Http;
using VideoStudio.Simulator.Wire;

namespace VideoStudio.Simulator;

/// <summary>The faults every endpoint applies before doing its work: a delay, then 429 / 5xx / envelope errors.</summary>
internal static class FaultGate
{
    /// <summary>Returns the faulted answer, or null to carry on.</summary>
    public static async Task<IResult?> BeforeAsync(HttpContext context, SimulatorFaults faults, TimeProvider time, FaultTarget target, string? modelId = null)
    {
        if (faults.Take(target, modelId, FaultKind.Delay) is { } delay)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(delay.DelayMilliseconds), time, context.RequestAborted).ConfigureAwait(false);
        }

        FaultRule? fault = faults.Take(target, modelId, FaultKind.RateLimited, FaultKind.HttpError, FaultKind.EnvelopeError);
        switch (fault?.Kind)
        {
            case FaultKind.RateLimited:
                context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Envelope.Error(StatusCodes.Status429TooManyRequests, "Too many requests: rate limit exceeded (simulated). Retry later.");
            case FaultKind.HttpError:
                return Envelope.Error(fault.StatusCode, $"Simulated server error {fault.StatusCode}.");
            case FaultKind.EnvelopeError:
                return Envelope.EnvelopeError(fault.EnvelopeCode, $"Simulated error (code {fault.EnvelopeCode}).");
            default:
                return null;
        }
    }
}
