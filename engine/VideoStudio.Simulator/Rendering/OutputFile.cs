namespace VideoStudio.Simulator.Rendering;

/// <summary>A task's output: a rendered file, or the bundled sample when there is no ffmpeg or the render failed.</summary>
internal sealed record OutputFile(string? Path)
{
    public static OutputFile Sample { get; } = new((string?)null);

    public Stream Open() => Path is null
        ? new MemoryStream(Media.SampleOutput.Mp4, writable: false)
        : new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
}
