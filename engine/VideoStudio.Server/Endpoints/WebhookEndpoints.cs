using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.Server.Http;

namespace VideoStudio.Server.Endpoints;

/// <summary>
/// <c>POST /v1/webhooks/wavespeed</c>: the provider's signed completion notice. Not behind API keys (the provider
/// cannot send one): the signature is the authentication, checked by the engine over the exact raw bytes.
/// </summary>
public static class WebhookEndpoints
{
    /// <summary>Maps the route on the application (outside the key-protected group).</summary>
    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/webhooks/wavespeed", HandleAsync)
            .Describe("WaveSpeedWebhook", "Receive a WaveSpeed webhook", "Verifies the webhook-id/timestamp/signature headers over the raw body, then completes the job at once. "
                + "The URL's `?job=<id>` (added to every submission's webhook URL) names the job it was registered for. "
                + "204 when accepted (or for an unknown prediction), 401 when the signature is rejected, 409 when the named job is not the one holding the task.")
            .Accepts<object>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesApiProblem(StatusCodes.Status401Unauthorized, StatusCodes.Status409Conflict)
            .DisableAntiforgery();
    }

    private static async Task<IResult> HandleAsync(HttpContext http, IVideoJobs jobs, CancellationToken cancellationToken)
    {
        // The signature covers the bytes as sent: read them as text before anything could parse or re-serialise them.
        string raw;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false))
        {
            raw = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        string? job = http.Request.Query[ProviderWebhookUrl.JobParameter] is { Count: 1 } named ? named.ToString() : null; // the id its submission registered
        WebhookOutcome outcome = await jobs.HandleWebhookAsync(headers, raw, job, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            WebhookOutcome.Rejected => ProblemResults.Problem(StatusCodes.Status401Unauthorized, ErrorCodes.WebhookRejected, "Webhook rejected", "The webhook signature, id or timestamp did not verify."),
            WebhookOutcome.JobMismatch => ProblemResults.Problem(StatusCodes.Status409Conflict, ErrorCodes.WebhookJobMismatch, "Webhook names another job",
                "The task was registered for another job than the one holding it; nothing was done."),
            _ => TypedResults.NoContent(),
        };
    }
}
