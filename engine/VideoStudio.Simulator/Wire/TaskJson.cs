using System.Globalization;
using System.Text.Json.Nodes;
using VideoStudio.Simulator.Tasks;

namespace VideoStudio.Simulator.Wire;

/// <summary>Renders a task as WaveSpeed's task object (envelope <c>data</c>, webhook body, history item).</summary>
internal static class TaskJson
{
    public static JsonObject Render(SimulatedTask task, DateTimeOffset now, bool includeInput)
    {
        string status = task.StatusAt(now);
        var outputs = new JsonArray();
        var nsfw = new JsonArray();
        if (status == TaskStatuses.Completed)
        {
            outputs.Add(task.OutputText ?? $"{task.BaseUrl}/outputs/{task.Id}{task.OutputExtension}");
            nsfw.Add(false);
        }

        var data = new JsonObject
        {
            ["id"] = task.Id,
            ["model"] = task.Model,
            ["outputs"] = outputs,
            ["urls"] = new JsonObject { ["get"] = $"{task.BaseUrl}/api/v3/predictions/{task.Id}/result" },
            ["has_nsfw_contents"] = nsfw,
            ["status"] = status,
            ["created_at"] = task.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["error"] = status == TaskStatuses.Failed ? task.FailureMessage : string.Empty,
            ["timings"] = new JsonObject { ["inference"] = task.IsTerminalAt(now) ? (long)(task.EndsAt - task.StartsAt).TotalMilliseconds : 0 },
        };
        if (status == TaskStatuses.Failed)
        {
            data["code"] = task.FailureCode; // where the task code travels is UNCONFIRMED: the JS SDK reads data.code
        }

        if (includeInput)
        {
            data["input"] = task.Input.DeepClone();

            // UNCONFIRMED: WaveSpeed does not document its history items or webhook bodies carrying the webhook URL the
            // task was registered with; the simulator echoes it, so a reconciler can tell whose task it is where a provider does.
            if (task.Webhook is { } webhook)
            {
                data["webhook"] = webhook.AbsoluteUri;
            }
        }

        return data;
    }
}
