using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>plugin.json, as defined by <c>schemas/plugin-manifest.schema.json</c>; <paramref name="Provider"/> names the provider serving its models unless a model names its own.</summary>
public sealed record PluginManifest(
    int ManifestVersion,
    string Id,
    string Name,
    string Version,
    string? Description,
    string Contracts,
    string? EntryAssembly,
    string Family,
    IReadOnlyList<ManifestModel> Models,
    string? Provider = null);

/// <summary>
/// One model entry of a manifest; <paramref name="Rules"/> names the plugin's <c>IInputRule</c> classes that check its
/// input, <paramref name="Provider"/> the provider serving it when not the manifest's, and <paramref name="NextStep"/>
/// the words of its button when offered as the next step of a finished job (else its task kind's).
/// </summary>
public sealed record ManifestModel(
    string Id,
    IReadOnlyList<string>? Aliases,
    string Task,
    string DisplayName,
    IReadOnlyList<string>? Capabilities,
    string Schema,
    string Pricing,
    ProcessingProfile Processing,
    EducationCard Card,
    IReadOnlyList<string>? Rules = null,
    string? Provider = null,
    string? NextStep = null);

/// <summary>Expected wall time of a model, used to schedule polls and size the job deadline.</summary>
public sealed record ProcessingProfile(double ExpectedSeconds, MediaScaling? PerMediaSecond, Confidence Confidence, string? Note);

/// <summary>Wall time that grows with the length of an input media.</summary>
public sealed record MediaScaling(string Field, double TypicalSeconds, double MaxSeconds);

/// <summary>What a person reads when choosing a model.</summary>
public sealed record EducationCard(
    string Tagline,
    string BestFor,
    IReadOnlyList<string> Strengths,
    IReadOnlyList<string> Limitations,
    IReadOnlyList<string> Tips,
    JsonObject ExampleInput,
    IReadOnlyDictionary<string, double>? ExampleMediaSeconds);
