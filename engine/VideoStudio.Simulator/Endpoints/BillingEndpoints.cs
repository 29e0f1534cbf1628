using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VideoStudio.Simulator.Tasks;
using VideoStudio.Simulator.Wire;

namespace VideoStudio.Simulator.Endpoints;

/// <summary>
/// <c>POST /api/v3/billings/search</c> (wavespeed-api.md §21, THIRD-PARTY shape): the deduct record of each asked-for
/// prediction, once it has ended and <see cref="SimulatorOptions.BillingDelay"/> has passed (until then it has none,
/// as a real account's records lag). The price is what the task was charged, which
/// <see cref="SimulatorOptions.ChargeFactors"/> can make differ from the pricing rule.
/// </summary>
internal sealed class BillingEndpoints(SimulatorOptions options, TaskStore store)
{
    private const int MaxIds = 100;

    public async Task<IResult> SearchAsync(HttpContext context)
    {
        JsonObject? body = await RequestJson.ReadObjectAsync(context, context.RequestAborted).ConfigureAwait(false);
        if (body?["prediction_uuids"] is not JsonArray ids || ids.Count > MaxIds)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, $"Body must be {{\"billing_type\": \"deduct\", \"prediction_uuids\": [… at most {MaxIds}], \"page\": 1, \"page_size\": 10}}.");
        }

        if (body["billing_type"] is JsonValue t && t.TryGetValue(out string? type) && type != "deduct")
        {
            return Envelope.Ok(Page([]));
        }

        DateTimeOffset now = options.TimeProvider.GetUtcNow();
        var items = new List<JsonNode>();
        foreach (string id in ids.OfType<JsonValue>().Select(v => v.TryGetValue(out string? s) ? s : null).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (store.Find(id, now) is { } task && task.IsTerminalAt(now) && now >= task.EndsAt + options.BillingDelay)
            {
                items.Add(Record(task));
            }
        }

        return Envelope.Ok(Page(items));
    }

    private static JsonObject Page(List<JsonNode> items) =>
        new() { ["items"] = new JsonArray([.. items]), ["page"] = 1, ["page_size"] = items.Count, ["total"] = items.Count };

    private static JsonObject Record(SimulatedTask task)
    {
        string at = task.EndsAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["uuid"] = "bill_" + task.Id,
            ["billing_type"] = "deduct",
            ["price"] = task.PriceUsd,
            ["created_at"] = at,
            ["updated_at"] = at,
            ["order"] = new JsonObject { ["uuid"] = "order_" + task.Id, ["state"] = "paid", ["status"] = "success" },
            ["prediction"] = new JsonObject { ["uuid"] = task.Id, ["model_uuid"] = task.Model, ["status"] = task.FailureCode is null ? TaskStatuses.Completed : TaskStatuses.Failed },
        };
    }
}
