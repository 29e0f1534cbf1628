using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Jobs.Chaining;

/// <summary>A model that can take a finished job's output, and the input that feeds it.</summary>
/// <param name="Task">The model's task kind (<c>upscale</c>, <c>video-extend</c>, …).</param>
/// <param name="Label">What the step does, for a button ("Upscale", "Extend", "Retake", "Animate into an avatar").</param>
/// <param name="ModelId">The model.</param>
/// <param name="DisplayName">The model's display name.</param>
/// <param name="Field">Its media field that takes the output.</param>
/// <param name="Input">The input to start its form with: <c>{"&lt;field&gt;": "job:&lt;id&gt;"}</c>.</param>
public sealed record NextStep(string Task, string Label, string ModelId, string DisplayName, string Field, JsonObject Input);
