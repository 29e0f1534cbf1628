using System.Text.Json.Serialization;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Server.Http;

/// <summary>An RFC 7807 problem: what went wrong, and for invalid input every field-level reason.</summary>
/// <param name="Type">A stable URI naming the kind of problem.</param>
/// <param name="Title">A short summary of the kind of problem.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Detail">What happened to this request and what to do about it.</param>
/// <param name="Errors">Field-level reasons, the same shape as validation issues.</param>
/// <param name="Suggestions">Close model ids, for an unknown model.</param>
public sealed record ApiProblem(
    string Type,
    string Title,
    int Status,
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ApiViews.IssueView>? Errors = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Suggestions = null);
