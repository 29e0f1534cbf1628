using System.Text.Json.Nodes;
using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs.Chaining;

/// <summary>An input with its <c>job:&lt;id&gt;</c> media resolved to the stored output files.</summary>
/// <param name="Input">The resolved input (a copy).</param>
/// <param name="Parents">The jobs whose outputs it uses, by field.</param>
/// <param name="Issues">References that could not be resolved (errors, by field).</param>
public sealed record JobMediaResolution(JsonObject Input, IReadOnlyList<JobLink> Parents, IReadOnlyList<ValidationIssue> Issues);
