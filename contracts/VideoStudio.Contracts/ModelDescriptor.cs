namespace VideoStudio.Contracts;

/// <summary>Identity and shape of one model, as declared in its plugin's manifest.</summary>
/// <param name="Id">The provider's exact model id, e.g. <c>lightricks/ltx-2-pro/text-to-video</c>.</param>
/// <param name="Aliases">Extra exact names that route to this model. Never matched fuzzily.</param>
/// <param name="Family">Model family, e.g. <c>LTX-2</c>.</param>
/// <param name="Task">What the model does.</param>
/// <param name="DisplayName">Name shown to people.</param>
/// <param name="PluginId">Id of the plugin that declares the model.</param>
/// <param name="Capabilities">Feature flags for filtering and comparison, e.g. <c>generated-audio</c>, <c>negative-prompt</c>.</param>
public sealed record ModelDescriptor(
    string Id,
    IReadOnlyList<string> Aliases,
    string Family,
    TaskKind Task,
    string DisplayName,
    string PluginId,
    IReadOnlyList<string> Capabilities);
