using System.Text.Json.Nodes;

namespace VideoStudio.Server.Api;

/// <summary>Body of <c>POST /v1/validate</c>.</summary>
/// <param name="Model">Model id or alias.</param>
/// <param name="Input">The model's input.</param>
public sealed record ValidateRequest(string Model, JsonObject Input);
