using System.Text.Json.Nodes;

namespace VideoStudio.Contracts;

/// <summary>A model input after schema validation and defaults, handed to a plugin's extension points.</summary>
/// <param name="Model">The model the input is for.</param>
/// <param name="Input">The normalised input (a private copy: the caller's object is never touched).</param>
/// <param name="Media">Probed facts per media field name, for the media that could be read.</param>
public sealed record ModelInputContext(ModelDescriptor Model, JsonObject Input, IReadOnlyDictionary<string, MediaInfo> Media);
