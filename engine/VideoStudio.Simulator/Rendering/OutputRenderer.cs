using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Simulator.Rendering;

/// <summary>
/// Makes each task's output the shape its request asked for (<see cref="OutputShape"/>), with ffmpeg when there is
/// one, else the bundled sample; a model whose schema declares an image or audio output gets a PNG or WAV made in
/// code (<see cref="GeneratedMedia"/>). Renders start at submit so they overlap the task's simulated latency; identical
/// shapes are rendered once (in this process, and across processes through the on-disk cache), and at most
/// <see cref="SimulatorOptions.MaxConcurrentRenders"/> ffmpeg/ffprobe processes run at once, so a 10,000-job load
/// test costs one render. A failed render is logged and answered with the sample rather than failing the task.
/// </summary>
internal sealed class OutputRenderer(SimulatorOptions options, ILogger<OutputRenderer> logger) : IAsyncDisposable
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, Lazy<Task<OutputFile>>> renders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OutputHint> hints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OutputFile> generated = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> inFlight = new();
    private readonly SemaphoreSlim processes = new(Math.Max(1, options.MaxConcurrentRenders));
    private readonly CancellationTokenSource stopping = new();
    private FfmpegTool? tool;

    /// <summary>Whether outputs are rendered (false: every output is the bundled sample).</summary>
    public bool Shaped => tool is not null;

    /// <summary>One line for the start-up banner: which outputs this simulator serves.</summary>
    public string Description => options.OutputBytes is long bytes
        ? $"outputs are generated streams of {bytes} bytes (--output-bytes), served with Range"
        : tool is null
        ? "outputs are the bundled 5 s 320x180 sample clip: ffmpeg was not found (apt-get install -y ffmpeg for outputs shaped by each request)"
        : $"outputs are rendered by ffmpeg {tool.Version} to each request's length, size and sound";

    public async Task InitializeAsync() =>
        tool = options.FfmpegPath is { Length: 0 } ? null : await FfmpegTool.LocateAsync(options.FfmpegPath).ConfigureAwait(false);

    /// <summary>What the simulator returns for <paramref name="model"/>'s declared output kind: an MP4, a PNG or a WAV.</summary>
    public static MediaFormat FormatOf(ModelDefinition model) => model.Schema.Output.Kind switch
    {
        MediaKind.Image => MediaFormats.Png,
        MediaKind.Audio => MediaFormats.Wav,
        _ => MediaFormats.Mp4,
    };

    /// <summary>What one request gets: as <see cref="FormatOf(ModelDefinition)"/>, but a WebM (alpha) for a cut-out with a transparent background.</summary>
    public MediaFormat FormatOf(ModelDefinition model, JsonObject input) =>
        FormatOf(model) is { Kind: MediaKind.Video } && tool is not null && options.OutputBytes is null
        && hints.GetOrAdd(model.Id, _ => OutputHint.Read(model.Schema)).TransparentFor(input)
            ? Webm
            : FormatOf(model);

    private static MediaFormat Webm => MediaFormats.ByName("webm")!;

    /// <summary>Starts making the output of an accepted task; <paramref name="files"/> are its media inputs as local files.</summary>
    public Task<OutputFile> Start(ModelDefinition model, JsonObject input, IReadOnlyDictionary<string, string> files)
    {
        if (options.OutputBytes is long bytes)
        {
            return Task.FromResult(OutputFile.Generated(bytes));
        }

        if (FormatOf(model) is { Kind: not MediaKind.Video } format)
        {
            return Task.FromResult(Generate(model, input, format));
        }

        if (tool is null)
        {
            return Task.FromResult(OutputFile.Sample);
        }

        Task<OutputFile> render = RenderAsync(tool, model, (JsonObject)input.DeepClone(), files);
        inFlight[render] = true;
        _ = ForgetWhenDoneAsync(render);
        return render;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(inFlight.Keys).ConfigureAwait(false);
        stopping.Dispose();
        processes.Dispose();
    }

    // An image model's picture or an audio model's track, sized by the same x-output rules as a clip (inputs only).
    private OutputFile Generate(ModelDefinition model, JsonObject input, MediaFormat format)
    {
        OutputHint hint = hints.GetOrAdd(model.Id, _ => OutputHint.Read(model.Schema));
        OutputShape shape = OutputShapeResolver.Resolve(model, hint, input, new Dictionary<string, MediaFacts>());
        string key = FormattableString.Invariant($"{format.Name}:{shape.Width}x{shape.Height}:{shape.Seconds:0.###}");
        return generated.GetOrAdd(key, _ => new OutputFile(null, format.Kind == MediaKind.Image ? GeneratedMedia.Png(shape.Width, shape.Height) : GeneratedMedia.Wav(shape.Seconds), format));
    }

    private async Task<OutputFile> RenderAsync(FfmpegTool ffmpeg, ModelDefinition model, JsonObject input, IReadOnlyDictionary<string, string> files)
    {
        await Task.Yield(); // never on the submit request's thread
        CancellationToken cancellationToken = stopping.Token;
        try
        {
            OutputHint hint = hints.GetOrAdd(model.Id, _ => OutputHint.Read(model.Schema));
            var media = new Dictionary<string, MediaFacts>(StringComparer.Ordinal);
            foreach (string field in hint.MediaFields().Where(files.ContainsKey))
            {
                if (await GatedAsync(() => ffmpeg.ProbeAsync(files[field], cancellationToken), cancellationToken).ConfigureAwait(false) is { } facts)
                {
                    media[field] = facts;
                }
            }

            OutputShape shape = OutputShapeResolver.Resolve(model, hint, input, media);
            string key = await shape.KeyAsync(cancellationToken).ConfigureAwait(false);
            Lazy<Task<OutputFile>> once = renders.GetOrAdd(key, k => new Lazy<Task<OutputFile>>(() => RenderOnceAsync(ffmpeg, shape, k, cancellationToken)));
            try
            {
                return await once.Value.ConfigureAwait(false);
            }
            catch
            {
                renders.TryRemove(KeyValuePair.Create(key, once)); // let a later request try again
                throw;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return OutputFile.Sample; // shutting down: nobody will download it
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or CliWrap.Exceptions.CliWrapException or System.Text.Json.JsonException)
        {
            logger.LogWarning("Rendering the output of a {Model} task failed; serving the sample clip instead: {Error}", model.Id, ex.Message);
            return OutputFile.Sample;
        }
    }

    private async Task<OutputFile> RenderOnceAsync(FfmpegTool ffmpeg, OutputShape shape, string key, CancellationToken cancellationToken)
    {
        string folder = options.OutputCacheDirectory;
        MediaFormat format = shape.Transparent ? Webm : MediaFormats.Mp4;
        string final = Path.Combine(folder, key + format.Extension);
        if (File.Exists(final))
        {
            return new OutputFile(final, null, format);
        }

        string work = Directory.CreateDirectory(Path.Combine(folder, $"{key}.{Guid.NewGuid():N}.tmp")).FullName;
        try
        {
            string caption = Path.Combine(work, "caption.txt");
            string model = Path.Combine(work, "model.txt");
            string captionText = CaptionText.Wrap(shape.Caption, shape.Width, FfmpegArguments.CaptionFontSize(shape));
            await File.WriteAllTextAsync(caption, captionText.Length == 0 ? " " : captionText, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(model, shape.Model, cancellationToken).ConfigureAwait(false);
            string output = Path.Combine(work, "output" + format.Extension);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(RenderTimeout);
            await GatedAsync(() => ffmpeg.RunAsync(FfmpegArguments.For(shape, caption, model, output), timeout.Token), cancellationToken).ConfigureAwait(false);
            File.Move(output, final, overwrite: true); // atomic: another process may be serving the same key
            logger.LogInformation("Rendered {Width}x{Height} {Seconds} s output for {Model}", shape.Width, shape.Height, shape.TotalSeconds, shape.Model);
            return new OutputFile(final, null, format);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task<T> GatedAsync<T>(Func<Task<T>> run, CancellationToken cancellationToken)
    {
        await processes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await run().ConfigureAwait(false);
        }
        finally
        {
            processes.Release();
        }
    }

    private Task<bool> GatedAsync(Func<Task> run, CancellationToken cancellationToken) =>
        GatedAsync(async () =>
        {
            await run().ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private async Task ForgetWhenDoneAsync(Task<OutputFile> render)
    {
        await Task.WhenAny(render).ConfigureAwait(false);
        inFlight.TryRemove(render, out _);
    }
}
