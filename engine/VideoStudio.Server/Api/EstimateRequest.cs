using System.Text.Json.Nodes;

namespace VideoStudio.Server.Api;

/// <summary>Body of <c>POST /v1/estimate</c>.</summary>
/// <param name="Model">Model id or alias.</param>
/// <param name="Input">The model's input.</param>
/// <param name="MediaDurations">Seconds per media field the server cannot read.</param>
public sealed record EstimateRequest(string Model, JsonObject Input, Dictionary<string, double>? MediaDurations = null);
