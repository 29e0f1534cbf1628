using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>What the host made of a plugin folder (after Jellyfin's plugin statuses).</summary>
public enum PluginStatus
{
    /// <summary>Data and code loaded: its models validate, price and run.</summary>
    Active,

    /// <summary>Data loaded but its code did not: models are listed, validated against their schemas and priced, but cannot run.</summary>
    CodeFailed,

    /// <summary>Loaded and active, but a call into its code ran past its time budget: those requests failed closed.</summary>
    Degraded,

    /// <summary>Its files are invalid or conflict with another plugin: nothing from it is used.</summary>
    Quarantined,
}
