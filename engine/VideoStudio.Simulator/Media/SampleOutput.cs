namespace VideoStudio.Simulator.Media;

/// <summary>The embedded 5 s MP4 every completed task returns (Assets/README.md says how it was made).</summary>
internal static class SampleOutput
{
    private static readonly Lazy<byte[]> Bytes = new(Load);

    public static byte[] Mp4 => Bytes.Value;

    private static byte[] Load()
    {
        using Stream stream = typeof(SampleOutput).Assembly.GetManifestResourceStream("VideoStudio.Simulator.sample.mp4")
            ?? throw new InvalidOperationException("The simulator's sample.mp4 resource is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
