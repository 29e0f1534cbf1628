using System.Text.Json.Nodes;

namespace VideoStudio.Server.Api;

/// <summary>Body of <c>POST /v1/jobs</c>.</summary>
/// <param name="Model">Model id or alias.</param>
/// <param name="Input">The model's input.</param>
/// <param name="MaxCostUsd">Refuse the job (402) when its estimate is above this.</param>
/// <param name="MediaDurations">Seconds per media field the server cannot read.</param>
/// <param name="Webhook">An http(s) URL to post the job's state changes to (signed, Standard Webhooks); else the owner's endpoint, if any.</param>
public sealed record JobRequest(string Model, JsonObject Input, decimal? MaxCostUsd = null, Dictionary<string, double>? MediaDurations = null, string? Webhook = null);
