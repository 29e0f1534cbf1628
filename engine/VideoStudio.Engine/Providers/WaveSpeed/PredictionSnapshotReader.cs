using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>Reads a WaveSpeed task object (envelope <c>data</c>, history entry or webhook body) into a snapshot.</summary>
internal static class PredictionSnapshotReader
{
    /// <summary>The snapshot, or null when the object has no task id.</summary>
    public static PredictionSnapshot? Read(JsonNode? node)
    {
        if (node is not JsonObject task || JsonRead.String(task["id"]) is not string id || id.Length == 0)
        {
            return null;
        }

        string rawStatus = JsonRead.String(task["status"]) ?? string.Empty;
        PredictionStatus status = PredictionStatusParser.Parse(rawStatus);
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

        return new PredictionSnapshot(
            id,
            JsonRead.String(task["model"]) ?? string.Empty,
            status,
            rawStatus,
            JsonRead.Strings(task["outputs"]),
            error,
            code,
            JsonRead.Time(task["created_at"]),
            task["input"] is JsonObject input ? (JsonObject)input.DeepClone() : null);
    }

    /// <summary>§9: code 5004 or "Sync mode timed out" while the status is still processing.</summary>
    public static bool IsSyncTimeout(PredictionStatus status, int? code, string? error) =>
        status is PredictionStatus.Processing or PredictionStatus.Created
        && (code == WaveSpeedTaskCodes.Timeout || (error?.Contains("Sync mode timed out", StringComparison.OrdinalIgnoreCase) ?? false));
}
