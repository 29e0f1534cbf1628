using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>
/// The idempotent reads (result, history, balance, quote, models) over the resilient poll client. History and quote
/// are POSTs but read-only, which is why they may share the retrying pipeline; a submit never does.
/// </summary>
internal sealed class WaveSpeedReader(IHttpClientFactory clients, WaveSpeedRequestFactory requests, ILogger logger)
{
    public async Task<WaveSpeedEnvelope> SendAsync(HttpMethod method, string path, JsonObject? body, string what, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = requests.Create(method, path, body is null ? null : WaveSpeedRequestFactory.Json(body));
        HttpClient http = clients.CreateClient(WaveSpeedHttpClientNames.Poll);
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
            return await WaveSpeedResponseReader.ReadAsync(response, what, cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            throw new ProviderException(ProviderErrorKind.ProviderFailure,
                $"WaveSpeed {what} not attempted: recent calls kept failing, so calls are paused briefly (circuit open). Try again shortly.", inner: ex);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or HttpRequestException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ProviderException(ProviderErrorKind.ProviderFailure, $"WaveSpeed {what} failed after retries: {ex.GetType().Name}.", inner: ex);
        }
    }

    public async Task<IReadOnlyList<ProviderTask>> ListTasksAsync(ProviderTaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        int pageSize = Math.Clamp(query.PageSize, 1, 100);
        var all = new List<ProviderTask>();
        for (int page = 1; page <= requests.Options.HistoryMaxPages; page++)
        {
            var body = new JsonObject { ["page"] = page, ["page_size"] = pageSize };
            if (query.Model is not null)
            {
                body["model"] = query.Model;
            }

            if (query.CreatedAfter is DateTimeOffset after)
            {
                body["created_after"] = after.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            }

            if (query.CreatedBefore is DateTimeOffset before)
            {
                body["created_before"] = before.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            }

            WaveSpeedEnvelope envelope = await SendAsync(HttpMethod.Post, "api/v3/predictions", body, "prediction history", cancellationToken);
            JsonArray items = ItemsOf(envelope.Data, "items", "predictions", "data", "list", "results");
            all.AddRange(items.Select(PredictionSnapshotReader.Read).OfType<ProviderTask>());
            if (items.Count < pageSize)
            {
                break;
            }
        }

        return all;
    }

    // /model/pricing is the documented path (§13); /model/price (MCP server) is read the same way if ever needed.
    public async Task<decimal?> QuoteAsync(string modelId, JsonObject input, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        var body = new JsonObject { ["model_id"] = modelId, ["inputs"] = input.DeepClone() };
        try
        {
            WaveSpeedEnvelope envelope = await SendAsync(HttpMethod.Post, "api/v3/model/pricing", body, $"price quote for {modelId}", cancellationToken);
            var data = envelope.Data as JsonObject;
            decimal? quote = JsonRead.Decimal(data?["unit_price"]) ?? JsonRead.Decimal(data?["price"]);
            if (quote < 0)
            {
                // A quote becomes a budget hold: a negative one would let jobs through a cap, so it is no quote at all.
                logger.LogWarning("WaveSpeed quoted a negative price for {Model}; ignored", modelId);
                return null;
            }

            return quote;
        }
        catch (ProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            logger.LogInformation("WaveSpeed gives no price quote for {Model}", modelId);
            return null;
        }
    }

    // §21 (THIRD-PARTY): items under data.items, or data itself as the list (one client reads data[0].price).
    public async Task<decimal?> GetChargeAsync(string predictionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(predictionId);
        var body = new JsonObject { ["billing_type"] = "deduct", ["prediction_uuids"] = new JsonArray(predictionId), ["page"] = 1, ["page_size"] = 10 };
        WaveSpeedEnvelope envelope = await SendAsync(HttpMethod.Post, "api/v3/billings/search", body, $"billing records of {predictionId}", cancellationToken);
        JsonObject[] records = ItemsOf(envelope.Data, "items").OfType<JsonObject>()
            .Where(r => JsonRead.String(r["prediction"]?["uuid"]) is not { } uuid || uuid == predictionId)
            .Where(r => JsonRead.String(r["billing_type"]) is null or "deduct")
            .ToArray();
        if (records.Length == 0)
        {
            return null;
        }

        decimal total = 0m;
        foreach (JsonObject record in records)
        {
            decimal price = JsonRead.Decimal(record["price"])
                ?? throw new ProviderException(ProviderErrorKind.ProviderFailure, $"A WaveSpeed billing record of {predictionId} has no readable price.");
            if (price < 0)
            {
                // A charge becomes settled spend: a negative one would free budget, so it is refused, never stored.
                throw new ProviderException(ProviderErrorKind.ProviderFailure, $"A WaveSpeed billing record of {predictionId} has a negative price ({price}); it is not taken as a charge.");
            }

            total += price;
        }

        return total;
    }

    public async Task<IReadOnlyList<LiveModel>> GetModelsAsync(CancellationToken cancellationToken)
    {
        WaveSpeedEnvelope envelope = await SendAsync(HttpMethod.Get, "api/v3/models", null, "model catalogue", cancellationToken);
        return ItemsOf(envelope.Data, "models", "items", "data").OfType<JsonObject>().Select(ToLiveModel).OfType<LiveModel>().ToArray();
    }

    private static LiveModel? ToLiveModel(JsonObject model)
    {
        if (JsonRead.String(model["model_id"]) is not { Length: > 0 } id)
        {
            return null;
        }

        JsonObject? schema = (model["api_schema"]?["api_schemas"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(s => JsonRead.String(s["type"]) == "model_run")?["request_schema"] as JsonObject
            ?? model["request_schema"] as JsonObject;
        string? formula = model["formula"] switch
        {
            JsonValue v => JsonRead.String(v),
            JsonNode n => n.ToJsonString(),
            null => null,
        };
        return new LiveModel(id, JsonRead.Decimal(model["base_price"]), formula, (JsonObject?)schema?.DeepClone(),
            JsonRead.String(model["name"]), JsonRead.String(model["description"]), JsonRead.String(model["type"]),
            (model["x-videostudio-provenance"] as JsonObject)?.DeepClone() as JsonObject);
    }

    // The list's wrapping is UNCONFIRMED (§14, §15): accept a bare array or the first array under a likely name.
    private static JsonArray ItemsOf(JsonNode? data, params string[] names) => data switch
    {
        JsonArray array => array,
        JsonObject obj => names.Select(n => obj[n]).OfType<JsonArray>().FirstOrDefault() ?? [],
        _ => [],
    };
}
