using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Validation;
using VideoStudio.Simulator.Media;
using VideoStudio.Simulator.Rendering;
using VideoStudio.Simulator.Tasks;
using VideoStudio.Simulator.Wire;

using VideoStudio.Simulator.Catalogue;

namespace VideoStudio.Simulator.Endpoints;

/// <summary>
/// <c>POST /api/v3/{model-id}[?webhook=]</c>: faults → model lookup → schema validation (plugin schema, engine
/// messages) → tier rate → media reachability → price and charge → store → optional dropped connection or late answer → sync wait.
/// </summary>
internal sealed class SubmitEndpoint(
    SimulatorModels models, SimulatorOptions options, SimulatorFaults faults, SimulatorStats stats, TaskStore store,
    AccountLedger ledger, SubmitRateWindow rateWindow, MediaResolver media, QuoteService quotes, LatencyModel latency, OutputRenderer renderer)
{
    private static readonly string[] ControlFlags = ["enable_sync_mode", "enable_base64_output"];

    public async Task<IResult> HandleAsync(HttpContext context, string modelId)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        if (await FaultGate.BeforeAsync(context, faults, options.TimeProvider, FaultTarget.Submit, modelId).ConfigureAwait(false) is { } faulted)
        {
            return faulted;
        }

        if (await models.FindAsync(modelId, cancellationToken).ConfigureAwait(false) is not { } model)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, $"Model '{modelId}' not found. GET /api/v3/models lists the models this server runs.");
        }

        JsonObject? body = await RequestJson.ReadObjectAsync(context, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, "The request body must be a JSON object of model inputs.");
        }

        bool sync = body["enable_sync_mode"] is JsonValue s && s.TryGetValue(out bool on) && on;
        foreach (string flag in ControlFlags)
        {
            body.Remove(flag);
        }

        Uri? webhook = null;
        if (context.Request.Query["webhook"] is { Count: > 0 } hook && !Uri.TryCreate(hook.ToString(), UriKind.Absolute, out webhook))
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, "The webhook query parameter must be an absolute URL.");
        }

        (IReadOnlyList<ValidationIssue> issues, JsonObject normalized) = SchemaValidator.Validate(model.Schema, body);
        ValidationIssue[] errors = issues.Where(i => i.Severity == IssueSeverity.Error).ToArray();
        if (errors.Length > 0)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, string.Join(" ", errors.Select(e => e.Message)));
        }

        if (rateWindow.TryTake() is TimeSpan wait)
        {
            stats.RecordRateLimited();
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Envelope.Error(StatusCodes.Status429TooManyRequests, $"Too many requests: the account allows {options.Limits.SubmitsPerMinute} tasks per minute.");
        }

        MediaResolver.Resolution resolved = await media.ResolveAsync(model, normalized, cancellationToken).ConfigureAwait(false);
        QuoteService.Quote quote = quotes.Price(model, normalized, resolved.Seconds);
        decimal charged = quotes.Charge(model.Id, quote.Usd);
        if (!ledger.TryCharge(charged))
        {
            return Envelope.Error(StatusCodes.Status402PaymentRequired,
                $"insufficient credits: this task costs ${charged.ToString("0.00##", CultureInfo.InvariantCulture)} and the balance is ${ledger.Balance.ToString("0.00##", CultureInfo.InvariantCulture)}. Top up your account.");
        }

        SimulatedTask task = Store(context, model, body, normalized, webhook, resolved, charged);
        if (faults.Take(FaultTarget.Submit, modelId, FaultKind.DropAfterAccept) is not null)
        {
            context.Abort(); // the task exists and is paid for; the client never learns its id
            return Results.Empty;
        }

        if (faults.Take(FaultTarget.Submit, modelId, FaultKind.DelayAfterAccept) is { } late)
        {
            // The task exists and is paid for; a client that dies now never learns its id.
            await Task.Delay(TimeSpan.FromMilliseconds(late.DelayMilliseconds), options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        return sync ? await WaitForSyncAsync(task, cancellationToken).ConfigureAwait(false) : Envelope.Ok(TaskJson.Render(task, options.TimeProvider.GetUtcNow(), false));
    }

    private SimulatedTask Store(HttpContext context, ModelDefinition model, JsonObject input, JsonObject normalized, Uri? webhook, MediaResolver.Resolution resolved, decimal price)
    {
        FaultRule? failure = faults.Take(FaultTarget.Submit, model.Id, FaultKind.FailTask);
        int? code = failure?.TaskCode ?? (resolved.UnreachableField is null ? null : TaskCodes.MediaUnreachable);
        string? message = failure is not null ? TaskCodes.Describe(failure.TaskCode)
            : resolved.UnreachableField is string field ? $"{TaskCodes.Describe(TaskCodes.MediaUnreachable)} Field '{field}': the URL could not be downloaded."
            : null;
        TimeSpan duration = latency.For(model, resolved.Seconds);
        // Rendering starts now and runs while the task is "processing"; a task that will fail gets no output.
        bool text = model.Schema.Output.IsText;
        Task<OutputFile>? output = code is null && !text ? renderer.Start(model, normalized, resolved.Files) : null;
        DateTimeOffset now = options.TimeProvider.GetUtcNow();
        SimulatedTask task = store.Add(slot => new SimulatedTask
        {
            Id = Guid.NewGuid().ToString("N"),
            Model = model.Id,
            Input = input,
            BaseUrl = $"{context.Request.Scheme}://{context.Request.Host}",
            CreatedAt = now,
            SlotAt = slot,
            StartsAt = slot + LatencyModel.CreatedPhase(duration),
            EndsAt = slot + duration,
            FailureCode = code,
            FailureMessage = message,
            Webhook = webhook,
            PriceUsd = price,
            Output = output,
            OutputText = code is null && text ? TextAnswer.For(normalized) : null,
            OutputExtension = renderer.FormatOf(model, normalized).Extension,
        });
        stats.RecordSubmission(new SubmittedInput(task.Id, model.Id, (JsonObject)input.DeepClone(), SimulatorStats.Fingerprint(model.Id, input), now));
        return task;
    }

    private async Task<IResult> WaitForSyncAsync(SimulatedTask task, CancellationToken cancellationToken)
    {
        Task limit = Task.Delay(options.SyncModeLimit, options.TimeProvider, cancellationToken);
        await Task.WhenAny(task.Finished, limit).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        DateTimeOffset now = options.TimeProvider.GetUtcNow();
        if (task.IsTerminalAt(now))
        {
            return Envelope.Ok(TaskJson.Render(task, now, false));
        }

        // UNCONFIRMED shape: Python checks code == 5004, JS checks data.code; both are set, HTTP stays 200.
        string error = $"Sync mode timed out after {options.SyncModeLimit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} seconds. The task is still running: poll urls.get for the result.";
        JsonObject data = TaskJson.Render(task, now, false);
        data["status"] = TaskStatuses.Processing;
        data["error"] = error;
        data["code"] = TaskCodes.SyncTimeout;
        return Envelope.Json(StatusCodes.Status200OK, new JsonObject { ["code"] = TaskCodes.SyncTimeout, ["message"] = error, ["data"] = data });
    }
}
