using System.Text.Json.Nodes;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Media;
using VideoStudio.Simulator.Rendering;

namespace VideoStudio.Simulator.Tasks;

/// <summary>
/// One accepted prediction. Its whole schedule is fixed at submission, so its status at any instant is a pure
/// function of the clock: that is what makes it work the same with real time and a FakeTimeProvider.
/// </summary>
internal sealed class SimulatedTask
{
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public required string Id { get; init; }

    public required string Model { get; init; }

    public required JsonObject Input { get; init; }

    /// <summary>The simulator's own base URL as the client reached it, for <c>urls.get</c> and outputs.</summary>
    public required string BaseUrl { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it takes a concurrency slot (its creation time unless it had to wait for one).</summary>
    public required DateTimeOffset SlotAt { get; init; }

    /// <summary>When it leaves <c>created</c> (later than creation when it waits for a concurrency slot).</summary>
    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>When it reaches its terminal status.</summary>
    public required DateTimeOffset EndsAt { get; init; }

    /// <summary>The task code it fails with, or null when it completes.</summary>
    public int? FailureCode { get; init; }

    /// <summary>The failure text, when it fails.</summary>
    public string? FailureMessage { get; init; }

    /// <summary>Loopback URL to notify on the terminal status, if any.</summary>
    public Uri? Webhook { get; init; }

    /// <summary>USD charged.</summary>
    public decimal PriceUsd { get; init; }

    /// <summary>The output's URL extension (<c>.mp4</c>, <c>.png</c>, <c>.wav</c>, or <c>.webm</c> for a transparent cut-out: <see cref="OutputRenderer.FormatOf(VideoStudio.Engine.Plugins.ModelDefinition, JsonObject)"/>).</summary>
    public string OutputExtension { get; init; } = MediaFormats.Mp4.Extension;

    /// <summary>For a model that returns text: the text, answered as <c>outputs[0]</c> instead of a file URL.</summary>
    public string? OutputText { get; init; }

    /// <summary>The output being made (started at submit, so it is usually ready by completion); null for a task that fails.</summary>
    public Task<OutputFile>? Output { get; init; }

    /// <summary>Completes when the terminal status is reached (timer-driven; used by sync mode).</summary>
    public Task Finished => finished.Task;

    public string StatusAt(DateTimeOffset now) =>
        now < StartsAt ? TaskStatuses.Created
        : !IsTerminalAt(now) ? TaskStatuses.Processing
        : FailureCode is null ? TaskStatuses.Completed
        : TaskStatuses.Failed;

    // A system timer may fire a hair before the clock reads EndsAt: once it has fired, the task is terminal.
    public bool IsTerminalAt(DateTimeOffset now) => now >= EndsAt || finished.Task.IsCompleted;

    public void MarkFinished() => finished.TrySetResult();
}
