using VideoStudio.Contracts;
using VideoStudio.Engine.Planning;

namespace VideoStudio.Engine.Validation;

/// <summary>What a media field accepts (<c>x-media</c> in the input schema), checked on the real file; <see cref="Against"/> compares its probed facts with other inputs.</summary>
public sealed record MediaConstraint(
    MediaKind Kind,
    IReadOnlyList<string> Formats,
    long? MaxBytes,
    double? MinSeconds,
    double? MaxSeconds,
    int? MaxWidth,
    int? MaxHeight,
    string? Provenance,
    string? AspectField = null,
    string? SameAspectAs = null,
    IReadOnlyList<string>? AspectChoices = null,
    IReadOnlyList<MediaComparison>? Against = null);
