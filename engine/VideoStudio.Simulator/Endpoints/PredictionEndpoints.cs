using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VideoStudio.Simulator.Tasks;
using VideoStudio.Simulator.Wire;

namespace VideoStudio.Simulator.Endpoints;

/// <summary>Result polling (<c>GET /api/v3/predictions/{id}[/result]</c>) and history (<c>POST /api/v3/predictions</c>).</summary>
internal sealed class PredictionEndpoints(SimulatorOptions options, SimulatorFaults faults, SimulatorStats stats, TaskStore store)
{
    private const int MaxPageSize = 100;

    public async Task<IResult> GetResultAsync(HttpContext context, string id)
    {
        stats.RecordResultGet(id);
        if (await FaultGate.BeforeAsync(context, faults, options.TimeProvider, FaultTarget.ResultPoll).ConfigureAwait(false) is { } faulted)
        {
            return faulted;
        }

        DateTimeOffset now = options.TimeProvider.GetUtcNow();
        return store.Find(id, now) is { } task
            ? Envelope.Ok(TaskJson.Render(task, now, includeInput: false))
            : Envelope.Error(StatusCodes.Status404NotFound, store.Exists(id)
                ? $"Prediction {id} has expired: predictions are kept {options.OutputRetention.TotalDays:0.#} days."
                : $"Prediction {id} not found.");
    }

    /// <summary>Body <c>{page, page_size ≤ 100, model?, status?, created_after?, created_before?}</c>; answers <c>data:{items, page, page_size, total}</c> (shape UNCONFIRMED).</summary>
    public async Task<IResult> ListAsync(HttpContext context)
    {
        JsonObject? query = await RequestJson.ReadObjectAsync(context, context.RequestAborted, emptyIsObject: true).ConfigureAwait(false);
        if (query is null)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, "The request body must be a JSON object.");
        }

        int page = Int(query, "page") ?? 1;
        int pageSize = Int(query, "page_size") ?? 20;
        if (page < 1 || pageSize < 1 || pageSize > MaxPageSize)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, $"page must be ≥ 1 and page_size between 1 and {MaxPageSize}.");
        }

        DateTimeOffset now = options.TimeProvider.GetUtcNow();
        if (!TryTime(query, "created_after", out DateTimeOffset? after) || !TryTime(query, "created_before", out DateTimeOffset? before))
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, "created_after and created_before must be ISO-8601 date-times.");
        }

        string? model = Text(query, "model");
        string? status = Text(query, "status");
        SimulatedTask[] matching = store.All(now)
            .Where(t => model is null || t.Model == model)
            .Where(t => status is null || t.StatusAt(now) == status)
            .Where(t => after is null || t.CreatedAt >= after)
            .Where(t => before is null || t.CreatedAt <= before)
            .ToArray();
        var items = new JsonArray(matching.Skip((page - 1) * pageSize).Take(pageSize).Select(t => (JsonNode)TaskJson.Render(t, now, includeInput: true)).ToArray());
        return Envelope.Ok(new JsonObject { ["items"] = items, ["page"] = page, ["page_size"] = pageSize, ["total"] = matching.Length });
    }

    private static int? Int(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue(out int i) ? i : null;

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0 ? s : null;

    private static bool TryTime(JsonObject o, string name, out DateTimeOffset? value)
    {
        value = null;
        if (Text(o, name) is not string text)
        {
            return true;
        }

        bool ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed);
        value = ok ? parsed : null;
        return ok;
    }
}
