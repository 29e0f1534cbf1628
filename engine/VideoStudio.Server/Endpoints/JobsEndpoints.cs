using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Chaining;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Presentation;
using VideoStudio.Server.Api;
using VideoStudio.Server.Http;

namespace VideoStudio.Server.Endpoints;

/// <summary><c>/v1/jobs</c>: submit, list, read, watch (SSE), cancel, fetch the output of, chain and follow on from the caller's jobs; <c>/v1/spend</c>.</summary>
public static class JobsEndpoints
{
    // What GET /jobs/{id}/output may answer: any known media format (MP4 first), text (a prompt optimizer's), or octet-stream for an unknown file.
    private static readonly string[] OutputTypes = [.. MediaFormats.All.Select(f => f.ContentType), "text/plain", "application/octet-stream"];

    /// <summary>Maps the routes.</summary>
    public static void MapJobs(this RouteGroupBuilder v1)
    {
        v1.MapPost("/jobs", SubmitAsync)
            .Describe("SubmitJob", "Run a model", "Validates, prices, checks budgets, stores and starts the job: 202 with Location. "
                + "A repeated Idempotency-Key with the same request returns the caller's existing job instead of a new one; with a different request it is 409 idempotency_key_reused. "
                + "429 too_many_queued_jobs (with Retry-After) when the caller already has as many jobs waiting as one owner may.")
            .Produces<JobView>(StatusCodes.Status202Accepted)
            .ProducesApiProblem(StatusCodes.Status400BadRequest, StatusCodes.Status402PaymentRequired, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests, StatusCodes.Status507InsufficientStorage);
        v1.MapGet("/jobs", ListAsync)
            .Describe("ListJobs", "List your jobs", "The caller's jobs, newest first; `state` filters (queued, processing, completed, failed, cancelled, …).")
            .Produces<JobView[]>()
            .ProducesApiProblem(StatusCodes.Status400BadRequest);
        v1.MapGet("/jobs/{id}", GetAsync)
            .Describe("GetJob", "Read a job", "One of the caller's jobs; 404 for an unknown id or another owner's job.")
            .Produces<JobView>()
            .ProducesApiProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/jobs/{id}/events", Events)
            .Describe("WatchJob", "Stream a job's progress", "Server-sent events: one `event: job` per JobEvent (data = JSON), starting with the current state; ends when the job settles. "
                + "Also accepts ?access_token= for EventSource.")
            .Produces<JobEvent>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesApiProblem(StatusCodes.Status404NotFound)
            .WithMetadata(AccessTokenQueryAllowed.Instance);
        v1.MapDelete("/jobs/{id}", CancelAsync)
            .Describe("CancelJob", "Cancel a job", "Stops it before submission, or stops watching it (a task already at the provider may still be billed). Answers the cancelled job.")
            .Produces<JobView>()
            .ProducesApiProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/jobs/{id}/chain", ChainAsync)
            .Describe("GetJobChain", "A job's chain and its total cost", "The job and every job whose output fed it (`job:<id>` media), oldest first, each with estimate, "
                + "charge and cost; `totalUsd` is null while any cost is unknown (never counted as $0).")
            .Produces<JobChain>()
            .ProducesApiProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/jobs/{id}/next-steps", NextStepsAsync)
            .Describe("GetJobNextSteps", "What a finished job's output can feed", "Installed models with a media field of the output's kind, each with the input that feeds it "
                + "(`{\"video\": \"job:<id>\"}`); empty until the job has completed.")
            .Produces<NextStep[]>()
            .ProducesApiProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/spend", SpendAsync)
            .Describe("GetSpend", "Spend, and estimates against charges", "Spent and reserved today and this month against the caps, and this month's estimates against the "
                + "provider's charges per model; a model drifting beyond the threshold names its pricing rule file to fix. Charges are THIRD-PARTY confidence.")
            .Produces<SpendReport>();
        v1.MapGet("/jobs/{id}/output", OutputAsync)
            .Describe("GetJobOutput", "Download a job's output", "The first output file with its own content type (video/mp4, image/png, audio/mpeg… as the model declares) "
                + "and a Content-Disposition file name from the prompt, the model and the end of the job id (`paper-boat-drifting-ltx-2-fast-0c5e9a41.mp4`), with HTTP Range support; 409 until the job has a downloaded output. "
                + "Also accepts ?access_token= for <video src>, <img src> and <audio src>.")
            .Produces(StatusCodes.Status200OK, null, OutputTypes[0], OutputTypes[1..])
            .Produces(StatusCodes.Status206PartialContent, null, OutputTypes[0], OutputTypes[1..])
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithMetadata(AccessTokenQueryAllowed.Instance);
    }

    private static async Task<IResult> SubmitAsync(JobRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http,
        IVideoJobs jobs, MediaPathGuard guard, UploadStore uploads, CancellationToken cancellationToken)
    {
        string owner = http.Owner();
        MediaPathGuard.Resolution media = await guard.ResolveAsync(owner, [body.Model], body.Input, cancellationToken).ConfigureAwait(false);
        if (media.Issues.Count > 0)
        {
            return ProblemResults.Invalid("A media input is not allowed.", media.Issues);
        }

        var request = new VideoRequest(body.Model, media.Input)
        {
            Owner = owner,
            IdempotencyKey = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey,
            MaxCostUsd = body.MaxCostUsd,
            MediaDurationHints = body.MediaDurations,
            Webhook = body.Webhook,
        };
        JobView job = await jobs.SubmitAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        http.Response.Headers.Location = $"/v1/jobs/{Uri.EscapeDataString(job.Id)}";
        return ApiResults.Status(uploads.Unresolve(job), StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ListAsync(string? state, HttpContext http, IVideoJobs jobs, UploadStore uploads, CancellationToken cancellationToken)
    {
        JobState? filter = null;
        if (state is not null)
        {
            try
            {
                filter = JsonSerializer.Deserialize<JobState>(JsonSerializer.Serialize(state), Json.Options);
            }
            catch (JsonException)
            {
                string states = string.Join(", ", Enum.GetValues<JobState>().Select(s => JsonSerializer.Serialize(s, Json.Options).Trim('"')));
                return ProblemResults.BadRequest($"'{state}' is not a job state ({states}).", "state", ErrorCodes.NotAllowed);
            }
        }

        return ApiResults.Ok((await jobs.ListAsync(http.Owner(), filter, cancellationToken: cancellationToken).ConfigureAwait(false)).Select(uploads.Unresolve).ToArray());
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, IVideoJobs jobs, UploadStore uploads, CancellationToken cancellationToken) =>
        await jobs.GetAsync(id, http.Owner(), cancellationToken).ConfigureAwait(false) is JobView job ? ApiResults.Ok(uploads.Unresolve(job)) : ProblemResults.JobNotFound(id);

    private static async Task<IResult> Events(string id, HttpContext http, IVideoJobs jobs, CancellationToken cancellationToken)
    {
        string owner = http.Owner();
        if (await jobs.GetAsync(id, owner, cancellationToken).ConfigureAwait(false) is null)
        {
            return ProblemResults.JobNotFound(id);
        }

        // Data is serialised here with the engine's options; the SSE result writes and flushes each event as it comes.
        return TypedResults.ServerSentEvents(AsJson(jobs.WatchAsync(id, owner, cancellationToken), cancellationToken), eventType: "job");
    }

    private static async IAsyncEnumerable<string> AsJson(IAsyncEnumerable<JobEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (JobEvent e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return JsonSerializer.Serialize(e, Json.Options);
        }
    }

    private static async Task<IResult> CancelAsync(string id, HttpContext http, IVideoJobs jobs, CancellationToken cancellationToken)
    {
        string owner = http.Owner();
        if (await jobs.GetAsync(id, owner, cancellationToken).ConfigureAwait(false) is null)
        {
            return ProblemResults.JobNotFound(id);
        }

        return ApiResults.Ok(await jobs.CancelAsync(id, owner, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> ChainAsync(string id, HttpContext http, IVideoJobs jobs, CancellationToken cancellationToken) =>
        await jobs.GetChainAsync(id, http.Owner(), cancellationToken).ConfigureAwait(false) is JobChain chain ? ApiResults.Ok(chain) : ProblemResults.JobNotFound(id);

    private static async Task<IResult> NextStepsAsync(string id, HttpContext http, IVideoJobs jobs, CancellationToken cancellationToken) =>
        await jobs.GetNextStepsAsync(id, http.Owner(), cancellationToken).ConfigureAwait(false) is { } steps ? ApiResults.Ok(steps) : ProblemResults.JobNotFound(id);

    private static async Task<IResult> SpendAsync(HttpContext http, IVideoJobs jobs, CancellationToken cancellationToken) =>
        ApiResults.Ok(await jobs.GetSpendAsync(http.Owner(), cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> OutputAsync(string id, HttpContext http, IVideoJobs jobs, CancellationToken cancellationToken)
    {
        if (await jobs.GetAsync(id, http.Owner(), cancellationToken).ConfigureAwait(false) is not JobView job)
        {
            return ProblemResults.JobNotFound(id);
        }

        if (job.Outputs.Count > 0 && job.Outputs[0] is { LocalPath: string path } output && File.Exists(path))
        {
            // The record's type (what the model declared); a record from before it was kept goes by the file's extension.
            MediaFormat? format = MediaFormats.ByContentType(output.ContentType) ?? MediaFormats.ByExtension(path);
            // Inline, so <video>/<img>/<audio> and a browser tab show it; the name is what a download is saved as.
            var disposition = new ContentDispositionHeaderValue("inline");
            disposition.SetHttpFileName(OutputFileName.Of(job.Id, job.ModelId, job.Input, format?.Extension ?? Path.GetExtension(path)));
            http.Response.Headers.ContentDisposition = disposition.ToString();
            return TypedResults.PhysicalFile(path, output.ContentType ?? format?.ContentType ?? "application/octet-stream", enableRangeProcessing: true);
        }

        return ProblemResults.Problem(StatusCodes.Status409Conflict, ErrorCodes.OutputNotDownloaded, "No output yet",
            $"Job '{id}' is {JsonSerializer.Serialize(job.State, Json.Options).Trim('"')} and has no downloaded output; watch GET /v1/jobs/{id}/events until it completes.");
    }
}
