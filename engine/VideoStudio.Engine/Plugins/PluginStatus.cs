namespace VideoStudio.Engine.Plugins;

/// <summary>What the host made of a plugin folder (after Jellyfin's plugin statuses).</summary>
public enum PluginStatus
{
    /// <summary>Data and code loaded: its models validate, price and run.</summary>
    Active,

    /// <summary>Data loaded but its code did not: models are listed, validated against their schemas and priced, but cannot run.</summary>
    CodeFailed,

    /// <summary>Its files are invalid or conflict with another plugin: nothing from it is used.</summary>
    Quarantined,
}
