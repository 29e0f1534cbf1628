using VideoStudio.Engine.Common;
using VideoStudio.Engine.Media;

namespace VideoStudio.Simulator.Rendering;

/// <summary>
/// A task's output: a rendered file, bytes made in memory (image and audio models), a generated stream of
/// <see cref="GeneratedBytes"/> bytes (<see cref="SimulatorOptions.OutputBytes"/>, for download load tests), or the
/// bundled sample when there is no ffmpeg or the render failed; <paramref name="Format"/> says what it is (its URL
/// extension and content type).
/// </summary>
internal sealed record OutputFile(string? Path, byte[]? Bytes, MediaFormat Format, long? GeneratedBytes = null)
{
    public static OutputFile Sample { get; } = new(null, null, MediaFormats.Mp4);

    public static OutputFile Generated(long bytes) => new(null, null, MediaFormats.Mp4, bytes);

    public Stream Open() =>
        GeneratedBytes is long bytes ? new Media.GeneratedOutputStream(bytes)
        : Bytes is not null ? new MemoryStream(Bytes, writable: false)
        : Path is null ? new MemoryStream(Media.SampleOutput.Mp4, writable: false)
        : new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
}
