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

using VideoStudio.Simulator.Catalogue;

namespace VideoStudio.Simulator.Endpoints;

/// <summary>Balance, price quotes, the model catalogue and the webhook secret (wavespeed-api.md §10, §13, §14).</summary>
internal sealed class AccountEndpoints(SimulatorModels models, ProviderCatalogue provider, AccountLedger ledger, QuoteService quotes, MediaResolver media, WebhookSecret secret)
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

        if (await models.FindAsync(modelId, context.RequestAborted).ConfigureAwait(false) is not { } model)
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

    /// <summary>
    /// <c>GET /api/v3/models</c>: the provider catalogue's entries (<see cref="ProviderCatalogue"/>: the provider's truth,
    /// so <c>catalog check</c> compares a plugin with them), then every other model the plugins define, with its
    /// request schema and a readable formula derived from its pricing rule.
    /// </summary>
    public async Task<IResult> ModelsAsync(HttpContext context)
    {
        PluginCatalog catalog = await models.CurrentAsync(context.RequestAborted).ConfigureAwait(false);
        var list = new JsonArray([.. provider.Entries.Select(e => (JsonNode)e.DeepClone())]);
        var listed = provider.Ids.ToHashSet(StringComparer.Ordinal);
        foreach (ModelDefinition model in catalog.Registry.Models.Where(m => !listed.Contains(m.Id)))
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
