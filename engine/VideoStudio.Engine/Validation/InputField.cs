using System.Text.Json.Nodes;
using VideoStudio.Engine.Planning;

namespace VideoStudio.Engine.Validation;

/// <summary>One property of a model's input schema, as the engine and form generators need it.</summary>
public sealed record InputField(
    string Name,
    string Type,
    string Title,
    bool Required,
    JsonNode? Default,
    IReadOnlyList<JsonNode?> AllowedValues,
    decimal? Minimum,
    decimal? Maximum,
    int? MaxLength,
    MediaConstraint? Media,
    NoChangeValue? ChangesNothingAt = null,
    string? Description = null);
