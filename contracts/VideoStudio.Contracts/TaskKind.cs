namespace VideoStudio.Contracts;

/// <summary>
/// What a model does. A string value so a plugin can introduce a new kind without a contracts change;
/// the well-known kinds are provided as static members.
/// </summary>
/// <param name="Value">Kebab-case name, e.g. <c>text-to-video</c>.</param>
public readonly record struct TaskKind(string Value)
{
    /// <summary>Generate a video from a text prompt.</summary>
    public static TaskKind TextToVideo { get; } = new("text-to-video");

    /// <summary>Animate a still image.</summary>
    public static TaskKind ImageToVideo { get; } = new("image-to-video");

    /// <summary>Continue an existing video.</summary>
    public static TaskKind VideoExtend { get; } = new("video-extend");

    /// <summary>Re-render an existing video (retake, restyle).</summary>
    public static TaskKind VideoToVideo { get; } = new("video-to-video");

    /// <summary>Increase a video's resolution.</summary>
    public static TaskKind Upscale { get; } = new("upscale");

    /// <summary>A talking person from a portrait and an audio track.</summary>
    public static TaskKind Avatar { get; } = new("avatar");

    /// <inheritdoc />
    public override string ToString() => Value;
}
