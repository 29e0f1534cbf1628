using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Validation;
using VideoStudio.Simulator.Media;
using VideoStudio.Simulator.Tasks;
using VideoStudio.Simulator.Wire;

namespace VideoStudio.Simulator.Endpoints;

/// <summary>Balance, price quotes, the model catalogue and the webhook secret (wavespeed-api.md §10, §13, §14).</summary>
internal sealed class AccountEndpoints(IVideoStudio studio, AccountLedger ledger, QuoteService quotes, MediaResolver media, WebhookSecret secret)
{
    public IResult Balance() => Envelope.Ok(new JsonObject { ["balance"] = ledger.Balance, ["currency"] = "USD" });

    public IResult Secret() => Envelope.Ok(new JsonObject { ["secret"] = secret.Value });

    /// <summary>
    /// <c>POST /api/v3/model/pricing</c> and <c>/model/price</c>, body <c>{model_id, inputs}</c>. Partial inputs are
    /// accepted (schema defaults fill the gaps); hosted media is probed for media-priced models.
    /// </summary>
    public async Task<IResult> QuoteAsync(HttpContext context)
    {
        JsonObject? body = await RequestJson.ReadObjectAsync(context, context.RequestAborted).ConfigureAwait(false);
        if (body?["model_id"] is not JsonValue m || !m.TryGetValue(out string? modelId))
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, "Body must be {\"model_id\": …, \"inputs\": {…}}.");
        }

        PluginCatalog catalog = await studio.GetCatalogAsync(context.RequestAborted).ConfigureAwait(false);
        if (catalog.Registry.TryFind(modelId) is not { } model || model.Id != modelId)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, $"Model '{modelId}' not found.");
        }

        JsonObject inputs = body["inputs"] as JsonObject ?? [];
        JsonObject normalized = SchemaValidator.Validate(model.Schema, inputs).Normalized;
        MediaResolver.Resolution resolved = await media.ResolveAsync(model, normalized, context.RequestAborted).ConfigureAwait(false);
        QuoteService.Quote quote = quotes.Price(model, normalized, resolved.Seconds);
        return Envelope.Ok(new JsonObject
        {
            ["model_id"] = model.Id,
            ["unit_price"] = quote.Usd,
            ["price"] = quote.Usd,
            ["discounted_price"] = quote.Usd,
            ["currency"] = "USD",
            ["placeholder"] = quote.Placeholder,
        });
    }

    /// <summary><c>GET /api/v3/models</c>: every model the plugins define, with its request schema and a readable formula.</summary>
    public async Task<IResult> ModelsAsync(HttpContext context)
    {
        PluginCatalog catalog = await studio.GetCatalogAsync(context.RequestAborted).ConfigureAwait(false);
        var list = new JsonArray();
        foreach (ModelDefinition model in catalog.Registry.Models)
        {
            list.Add(new JsonObject
            {
                ["model_id"] = model.Id,
                ["name"] = model.Descriptor.DisplayName,
                ["description"] = model.Card.Tagline,
                ["type"] = model.Descriptor.Task.Value,
                ["base_price"] = FormulaText.BasePrice(model.Pricing),
                ["formula"] = FormulaText.Describe(model.Pricing),
                ["api_schema"] = new JsonObject
                {
                    ["api_schemas"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "model_run",
                        ["method"] = "POST",
                        ["api_path"] = "/api/v3/" + model.Id,
                        ["request_schema"] = JsonNode.Parse(model.Schema.Text),
                    }),
                },
            });
        }

        return Envelope.Ok(list);
    }
}
