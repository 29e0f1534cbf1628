using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Plugins;

/// <summary>Everything the engine knows about one model, all of it read from its plugin's data files.</summary>
/// <param name="Descriptor">Identity and shape.</param>
/// <param name="Schema">The input schema, parsed once and shared.</param>
/// <param name="Pricing">The pricing rule.</param>
/// <param name="Processing">Expected wall time.</param>
/// <param name="Card">The education card.</param>
/// <param name="PluginVersion">Version of the plugin that provides it.</param>
/// <param name="PricingFile">The pricing rule's file, relative to the plugin folder (as the manifest names it).</param>
public sealed record ModelDefinition(
    ModelDescriptor Descriptor,
    InputSchema Schema,
    PricingRule Pricing,
    ProcessingProfile Processing,
    EducationCard Card,
    string PluginVersion,
    string? PricingFile = null)
{
    /// <summary>The provider a model's plugin names when it names none.</summary>
    public const string DefaultProvider = "wavespeed";

    /// <summary>The provider of work done on this machine (FFmpeg): it reads only files here, never a URL.</summary>
    public const string LocalProvider = "local";

    /// <summary>Whether the model's media fields take http(s) URLs: not for local work, which never fetches (the server's egress stays closed to it).</summary>
    public bool TakesMediaUrls => Provider != LocalProvider;

    /// <summary>The model id.</summary>
    public string Id => Descriptor.Id;

    /// <summary>The provider that serves the model (the manifest's <c>provider</c>, per model or for the plugin; <see cref="DefaultProvider"/> when neither says).</summary>
    public string Provider { get; init; } = DefaultProvider;

    /// <summary>The words of the model's button as the next step of a finished job (the manifest's <c>nextStep</c>), or null for its task kind's.</summary>
    public string? NextStepLabel { get; init; }
}
