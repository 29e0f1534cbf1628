using Microsoft.AspNetCore.Http;
using VideoStudio.Simulator.Media;
using VideoStudio.Simulator.Rendering;
using VideoStudio.Simulator.Tasks;
using VideoStudio.Simulator.Wire;

namespace VideoStudio.Simulator.Endpoints;

/// <summary>
/// Unauthenticated file downloads, like WaveSpeed's CDN URLs: task outputs (<c>/outputs/{id}.mp4</c>, or <c>.png</c> /
/// <c>.wav</c> for image and audio models, with that content type) and uploads
/// (<c>/media/{id}/{name}</c>), both with Range. An output is answered once its render is done (usually by completion). Expired outputs answer 410 Gone (the real CDN's answer is UNCONFIRMED).
/// </summary>
internal sealed class OutputEndpoints(SimulatorOptions options, SimulatorFaults faults, SimulatorStats stats, TaskStore store, UploadStore uploads)
{
    public async Task GetOutputAsync(HttpContext context, string file)
    {
        stats.RecordOutputGet();
        if (await FaultGate.BeforeAsync(context, faults, options.TimeProvider, FaultTarget.Output).ConfigureAwait(false) is { } faulted)
        {
            await faulted.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        string id = file.Split('.')[0]; // {id}.mp4, .png or .wav: the extension is the output's format
        DateTimeOffset now = options.TimeProvider.GetUtcNow();
        if (!store.Exists(id) || (store.Find(id, now) is { } pending && pending.StatusAt(now) != TaskStatuses.Completed))
        {
            await Envelope.Error(StatusCodes.Status404NotFound, "No such output.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (store.Find(id, now) is not { } task || faults.Take(FaultTarget.Output, null, FaultKind.ExpireOutput) is not null)
        {
            await Envelope.Error(StatusCodes.Status410Gone, "This output has expired: outputs are kept for a limited time. Download outputs when the task completes.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        long? breakAfter = faults.Take(FaultTarget.Output, null, FaultKind.BreakDownload)?.BreakAfterBytes;
        long? bytesPerSecond = faults.Take(FaultTarget.Output, null, FaultKind.SlowDownload)?.BytesPerSecond;
        OutputFile output = await (task.Output ?? Task.FromResult(OutputFile.Sample)).WaitAsync(context.RequestAborted).ConfigureAwait(false);
        await using Stream source = output.Open();
        await RangeWriter.WriteAsync(context, source, output.Format.ContentType, breakAfter, bytesPerSecond, options.TimeProvider).ConfigureAwait(false);
    }

    public async Task GetUploadAsync(HttpContext context, string id)
    {
        if (uploads.Find(id) is not { Complete: true } upload)
        {
            await Envelope.Error(StatusCodes.Status404NotFound, "No such file (unknown, not yet uploaded, or expired).").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await using var source = new FileStream(upload.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await RangeWriter.WriteAsync(context, source, upload.ContentType, null, null, options.TimeProvider).ConfigureAwait(false);
    }
}
