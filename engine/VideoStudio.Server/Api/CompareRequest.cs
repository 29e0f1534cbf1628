using System.Text.Json.Nodes;

namespace VideoStudio.Server.Api;

/// <summary>Body of <c>POST /v1/compare</c>.</summary>
/// <param name="Models">Model ids or aliases, in the order wanted.</param>
/// <param name="Input">The input every model is asked to take.</param>
/// <param name="MediaDurations">Seconds per media field the server cannot read.</param>
public sealed record CompareRequest(IReadOnlyList<string> Models, JsonObject Input, Dictionary<string, double>? MediaDurations = null);
