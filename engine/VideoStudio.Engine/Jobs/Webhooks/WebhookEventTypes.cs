using System.Text;
using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>
/// The stable event type names of outgoing webhooks: <c>job.</c> and the state the job moved to, in snake case
/// (<c>job.queued</c>, <c>job.uploading</c>, <c>job.submitting</c>, <c>job.processing</c>, <c>job.downloading</c>,
/// <c>job.completed</c>, <c>job.failed</c>, <c>job.cancelled</c>, <c>job.needs_decision</c>).
/// </summary>
internal static class WebhookEventTypes
{
    /// <summary>The event type sent when a job moves to <paramref name="state"/>.</summary>
    public static string For(JobState state)
    {
        string name = state.ToString();
        var type = new StringBuilder("job.", 4 + name.Length + 2);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                type.Append('_');
            }

            type.Append(char.ToLowerInvariant(name[i]));
        }

        return type.ToString();
    }
}
