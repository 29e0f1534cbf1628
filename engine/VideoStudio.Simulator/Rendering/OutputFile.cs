namespace VideoStudio.Simulator.Rendering;

/// <summary>
/// A task's output: a rendered file, the bundled sample when there is no ffmpeg or the render failed, or a generated
/// stream of <see cref="GeneratedBytes"/> bytes (<see cref="SimulatorOptions.OutputBytes"/>, for download load tests).
/// </summary>
internal sealed record OutputFile(string? Path, long? GeneratedBytes = null)
{
    public static OutputFile Sample { get; } = new((string?)null);

    public Stream Open() => GeneratedBytes is long bytes ? new Media.GeneratedOutputStream(bytes)
        : Path is null ? new MemoryStream(Media.SampleOutput.Mp4, writable: false)
        : new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
}
