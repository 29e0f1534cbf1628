namespace VideoStudio.Engine.Catalog.Import;

/// <summary>An import that wrote nothing: the model is not in the catalogue, cannot be offered, or its plugin exists without <c>--upgrade</c>.</summary>
public sealed class PluginImportException(string message) : Exception(message);
