namespace VideoStudio.Engine.Catalog.Import;

/// <summary>A data-only plugin folder written from the provider's live catalogue.</summary>
/// <param name="PluginId">Its plugin id, e.g. <c>videostudio.wan-2-6</c>.</param>
/// <param name="FolderName">The folder it is written as.</param>
/// <param name="Version">Its version (1.0.0, or the installed version bumped by <c>--upgrade</c>).</param>
/// <param name="Models">The model ids it defines.</param>
/// <param name="Files">Each file's path inside the folder (forward slashes) and its text.</param>
/// <param name="Notes">What could not be taken as it is (left-out inputs, unconfirmed prices), per model.</param>
public sealed record ImportedPlugin(
    string PluginId, string FolderName, string Version, IReadOnlyList<string> Models, IReadOnlyDictionary<string, string> Files, IReadOnlyList<string> Notes);
