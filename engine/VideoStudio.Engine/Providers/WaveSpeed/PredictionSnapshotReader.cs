using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>Reads a WaveSpeed task object (envelope <c>data</c>, history entry or webhook body) into a snapshot.</summary>
internal static class PredictionSnapshotReader
{
    /// <summary>The snapshot, or null when the object has no task id.</summary>
    public static ProviderTask? Read(JsonNode? node)
    {
        if (node is not JsonObject task || JsonRead.String(task["id"]) is not string id || id.Length == 0)
        {
            return null;
        }

        string rawStatus = JsonRead.String(task["status"]) ?? string.Empty;
        ProviderTaskStatus status = PredictionStatusParser.Parse(rawStatus);
        string? error = JsonRead.String(task["error"]) is { Length: > 0 } e ? e : null;
        int? code = JsonRead.Int(task["code"]);
        if (code == 0)
        {
            code = null;
        }

        // A sync-mode timeout (§9) is a still-running task, not a failure: present it as a plain processing snapshot.
        if (IsSyncTimeout(status, code, error))
        {
            error = null;
            code = null;
        }

        return new ProviderTask(
            id,
            JsonRead.String(task["model"]) ?? string.Empty,
            status,
            rawStatus,
            JsonRead.Strings(task["outputs"]),
            error,
            code?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonRead.Time(task["created_at"]),
            task["input"] is JsonObject input ? WithoutControlFlags(input) : null)
        {
            ErrorKind = code is int c ? WaveSpeedTaskCodes.ToKind(c) : null,
            Webhook = Uri.TryCreate(JsonRead.String(task["webhook"]), UriKind.Absolute, out Uri? webhook) ? webhook : null, // echoed: UNCONFIRMED for WaveSpeed
        };
    }

    // The echoed input is what we sent plus WaveSpeed's own control flags; the seam speaks of the model input only,
    // so a reconciler comparing inputs never needs to know WaveSpeed's flags.
    private static JsonObject WithoutControlFlags(JsonObject input)
    {
        var copy = (JsonObject)input.DeepClone();
        foreach (string flag in WaveSpeedClient.ControlFlags)
        {
            copy.Remove(flag);
        }

        return copy;
    }

    /// <summary>§9: code 5004 or "Sync mode timed out" while the status is still processing.</summary>
    public static bool IsSyncTimeout(ProviderTaskStatus status, int? code, string? error) =>
        status is ProviderTaskStatus.Processing or ProviderTaskStatus.Created
        && (code == WaveSpeedTaskCodes.Timeout || (error?.Contains("Sync mode timed out", StringComparison.OrdinalIgnoreCase) ?? false));
}
