namespace VideoStudio.Simulator.Rendering;

/// <summary>Where an output's sound comes from.</summary>
internal enum AudioSource
{
    /// <summary>No audio track (the model makes none, or it was turned off).</summary>
    None,

    /// <summary>A generated tone, standing in for the model's own soundtrack.</summary>
    Generated,

    /// <summary>An audio input (avatar speech, a soundtrack to follow): cut or padded with silence to the length.</summary>
    Media,

    /// <summary>The source video's own track, kept (upscale).</summary>
    SourceTrack,
}
