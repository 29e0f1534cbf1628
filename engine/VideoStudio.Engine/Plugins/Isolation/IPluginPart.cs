namespace VideoStudio.Engine.Plugins.Isolation;

/// <summary>An extension point whose code runs elsewhere (a worker): its class name there, for messages and binding.</summary>
internal interface IPluginPart
{
    /// <summary>The class name of the plugin's extension point.</summary>
    string Name { get; }
}

/// <summary>How messages name an extension point, wherever its code runs.</summary>
public static class PluginPartName
{
    /// <summary>The class name of <paramref name="part"/> (a rule, normaliser or output mapper), in process or in a worker.</summary>
    public static string Of(object part) => part is IPluginPart remote ? remote.Name : part.GetType().Name;
}
