using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.Engine.Jobs.Webhooks;
using VideoStudio.Server.Api;
using VideoStudio.Server.Http;

namespace VideoStudio.Server.Endpoints;

/// <summary>
/// Webhooks out, scoped to the caller: the default endpoint and its signing secrets (<c>/v1/webhooks/endpoint</c>),
/// the deliveries of every job (<c>/v1/webhooks/deliveries</c>, <c>/v1/jobs/{id}/webhooks</c>) and redelivery.
/// </summary>
public static class WebhooksOutEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static void MapWebhooksOut(this RouteGroupBuilder v1)
    {
        v1.MapGet("/webhooks/endpoint", GetEndpointAsync)
            .Describe("GetWebhookEndpoint", "Read your webhook endpoint", "The default endpoint and the signing secret (`whsec_…`; during a rotation also the previous one and when it stops signing), "
                + "with `configured: true`; `{\"configured\": false}` (200) when you have none, so a settings page can read it without an expected failure.")
            .ProducesOneOf<EndpointView, EndpointAbsentView>();
        v1.MapPut("/webhooks/endpoint", SetEndpointAsync)
            .Describe("SetWebhookEndpoint", "Set your webhook endpoint", "Where events of your jobs without a `webhook` of their own are posted. Checked against the egress policy (422 naming `url`). The secret is made on first use and kept when the URL changes.")
            .Produces<EndpointView>()
            .ProducesApiProblem(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);
        v1.MapDelete("/webhooks/endpoint", DeleteEndpointAsync)
            .Describe("DeleteWebhookEndpoint", "Remove your webhook endpoint", "Removes the endpoint and the secrets; deliveries still pending then die (no secret to sign with).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesApiProblem(StatusCodes.Status404NotFound);
        v1.MapPost("/webhooks/endpoint/rotate", RotateAsync)
            .Describe("RotateWebhookSecret", "Rotate your webhook secret", "A new current secret; the previous one keeps signing beside it (two signatures in `webhook-signature`) until `previousSecretExpiresAt`.")
            .Produces<EndpointView>()
            .ProducesApiProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/webhooks/deliveries", ListAsync)
            .Describe("ListWebhookDeliveries", "List your webhook deliveries", "Newest first; `job`, `state` (pending, delivered, dead) and `limit` (1–500, default 100) filter.")
            .Produces<WebhookDelivery[]>()
            .ProducesApiProblem(StatusCodes.Status400BadRequest);
        v1.MapGet("/jobs/{id}/webhooks", ListOfJobAsync)
            .Describe("ListJobWebhooks", "List a job's webhook deliveries", "Every event of the job and where its delivery stands, newest first.")
            .Produces<WebhookDelivery[]>()
            .ProducesApiProblem(StatusCodes.Status404NotFound);
        v1.MapPost("/webhooks/deliveries/{id}/redeliver", RedeliverAsync)
            .Describe("RedeliverWebhook", "Send a delivery again", "Makes it pending and due now with a fresh retry window, same `webhook-id` (receivers de-duplicate on it). 202 with the delivery.")
            .Produces<WebhookDelivery>(StatusCodes.Status202Accepted)
            .ProducesApiProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> GetEndpointAsync(HttpContext http, IWebhookEndpoints settings, CancellationToken cancellationToken) =>
        await settings.GetEndpointAsync(http.Owner(), cancellationToken).ConfigureAwait(false) is WebhookEndpoint e ? ApiResults.Ok(EndpointView.Of(e)) : ApiResults.Ok(new EndpointAbsentView());

    private static async Task<IResult> SetEndpointAsync(WebhookEndpointRequest body, HttpContext http, IWebhookEndpoints settings, CancellationToken cancellationToken) =>
        ApiResults.Ok(EndpointView.Of(await settings.SetEndpointAsync(http.Owner(), body.Url, cancellationToken).ConfigureAwait(false)));

    private static async Task<IResult> DeleteEndpointAsync(HttpContext http, IWebhookEndpoints settings, CancellationToken cancellationToken) =>
        await settings.DeleteEndpointAsync(http.Owner(), cancellationToken).ConfigureAwait(false) ? TypedResults.NoContent() : NoEndpoint();

    private static async Task<IResult> RotateAsync(HttpContext http, IWebhookEndpoints settings, CancellationToken cancellationToken) =>
        await settings.RotateSecretAsync(http.Owner(), cancellationToken).ConfigureAwait(false) is WebhookEndpoint e ? ApiResults.Ok(EndpointView.Of(e)) : NoEndpoint();

    private static async Task<IResult> ListAsync(string? job, string? state, int? limit, HttpContext http, IWebhookEndpoints settings, CancellationToken cancellationToken)
    {
        WebhookDeliveryState? filter = null;
        if (state is not null)
        {
            if (!Enum.TryParse(state, ignoreCase: true, out WebhookDeliveryState parsed) || int.TryParse(state, out _))
            {
                return ProblemResults.BadRequest($"'{state}' is not a delivery state (pending, delivered, dead).", "state", ErrorCodes.NotAllowed);
            }

            filter = parsed;
        }

        if (limit is < 1 or > 500)
        {
            return ProblemResults.BadRequest($"limit is {limit}: between 1 and 500.", "limit", limit < 1 ? ErrorCodes.TooSmall : ErrorCodes.TooLarge);
        }

        return ApiResults.Ok(await settings.ListDeliveriesAsync(http.Owner(), job, filter, limit ?? 100, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> ListOfJobAsync(string id, HttpContext http, IVideoJobs jobs, IWebhookEndpoints settings, CancellationToken cancellationToken)
    {
        string owner = http.Owner();
        return await jobs.GetAsync(id, owner, cancellationToken).ConfigureAwait(false) is null
            ? ProblemResults.JobNotFound(id)
            : ApiResults.Ok(await settings.ListDeliveriesAsync(owner, id, null, 500, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> RedeliverAsync(string id, HttpContext http, IWebhookEndpoints settings, CancellationToken cancellationToken) =>
        await settings.RedeliverAsync(http.Owner(), id, cancellationToken).ConfigureAwait(false) is WebhookDelivery d
            ? ApiResults.Status(d, StatusCodes.Status202Accepted)
            : ProblemResults.Problem(StatusCodes.Status404NotFound, ErrorCodes.UnknownDelivery, "Unknown delivery", $"No delivery '{id}' of yours; list them with GET /v1/webhooks/deliveries.");

    private static IResult NoEndpoint() =>
        ProblemResults.Problem(StatusCodes.Status404NotFound, ErrorCodes.NoWebhookEndpoint, "No webhook endpoint", "You have no webhook settings; set an endpoint with PUT /v1/webhooks/endpoint {\"url\": …}.");

    /// <summary>An owner's webhook settings as answered (the URL redacted; the secrets are the caller's own).</summary>
    /// <param name="Url">The default endpoint (query redacted), or null.</param>
    /// <param name="Secret">The current signing secret.</param>
    /// <param name="PreviousSecret">The previous secret while it still signs.</param>
    /// <param name="PreviousSecretExpiresAt">When it stops.</param>
    /// <param name="UpdatedAt">Last change.</param>
    public sealed record EndpointView(string? Url, string Secret, string? PreviousSecret, DateTimeOffset? PreviousSecretExpiresAt, DateTimeOffset UpdatedAt)
    {
        /// <summary>Always true: settings exist (<see cref="EndpointAbsentView"/> answers when they do not).</summary>
        public bool Configured { get; init; } = true;

        /// <summary>The view of <paramref name="e"/>.</summary>
        public static EndpointView Of(WebhookEndpoint e) =>
            new(e.Url is null ? null : UrlRedactor.Redact(e.Url), e.Secret, e.PreviousSecret, e.PreviousSecretExpiresAt, e.UpdatedAt);
    }

    /// <summary>The answer when the caller has no webhook settings: <c>{"configured": false}</c>.</summary>
    public sealed record EndpointAbsentView
    {
        /// <summary>Always false: nothing is set; PUT /v1/webhooks/endpoint sets it.</summary>
        public bool Configured { get; init; }
    }
}
