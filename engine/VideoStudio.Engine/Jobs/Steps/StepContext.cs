using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Jobs.Steps;

/// <summary>One run of a step: the job as stored, its plan, its input and the fence of its lease.</summary>
/// <param name="Job">The job as last stored.</param>
/// <param name="Plan">Its model and poll plan.</param>
/// <param name="Input">
/// The input to send: as the caller gave it when the job was accepted by this process (signed URLs intact), else the
/// stored (redacted) input. The queued step replaces local media by their uploaded URLs here, so a retry after a
/// refusal does not upload them again.
/// </param>
/// <param name="Fence">The fenced writes of this job's lease.</param>
/// <param name="Attempt">How many times in a row this step has asked to wait (0 the first time), for backoff.</param>
/// <param name="Stopping">Fires only when the host stops: what must not be cut short by a cancel (the POST) uses it.</param>
/// <param name="Answer">The provider's answer the previous step read in this process (<see cref="Advance.Answer"/>); null after a takeover.</param>
internal sealed record StepContext(JobRecord Job, JobPlan Plan, InputHolder Input, LeaseFence Fence, int Attempt, CancellationToken Stopping, ProviderTask? Answer = null);

/// <summary>The input a held job is sent with, replaced once its media are uploaded.</summary>
/// <param name="value">The input.</param>
internal sealed class InputHolder(JsonObject value)
{
    /// <summary>The input to send now.</summary>
    public JsonObject Value { get; set; } = value;
}
