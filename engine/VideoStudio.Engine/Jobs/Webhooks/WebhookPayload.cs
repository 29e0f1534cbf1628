using System.Text.Json;
using System.Text.Json.Nodes;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs;

namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>
/// The body of one outgoing webhook, in the Standard Webhooks shape: <c>{"type", "timestamp", "data"}</c>, where
/// <c>data</c> is the job exactly as <c>GET /v1/jobs/{id}</c> answers it (<see cref="JobView"/>: inputs and
/// output URLs already redacted, no secret, none of the store's own fields). Written once into the outbox, so every attempt sends the same bytes.
/// </summary>
internal static class WebhookPayload
{
    /// <summary>The event's JSON body for <paramref name="job"/> as just stored.</summary>
    public static string For(JobRecord job)
    {
        var body = new JsonObject
        {
            ["type"] = WebhookEventTypes.For(job.State),
            ["timestamp"] = job.UpdatedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["data"] = JsonSerializer.SerializeToNode(JobView.From(job), Json.Options),
        };
        return body.ToJsonString(Json.Options);
    }
}
