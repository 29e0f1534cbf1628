namespace VideoStudio.Simulator.Rendering;

/// <summary>What ffprobe says about one input file the output is made from.</summary>
internal sealed record MediaFacts(string Path, double? Seconds, int? Width, int? Height, double? Fps, bool HasVideo, bool HasAudio);
