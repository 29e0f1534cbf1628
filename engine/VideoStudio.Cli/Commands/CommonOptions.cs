using System.CommandLine;

namespace VideoStudio.Cli.Commands;

/// <summary>Options several commands share (each command gets its own instance).</summary>
public static class CommonOptions
{
    /// <summary>--json: plain JSON on stdout instead of tables.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print plain JSON instead of tables." };

    /// <summary>--input: the model input, inline JSON or @file.</summary>
    public static Option<string> Input() => new("--input", "-i") { Description = "Model input: inline JSON, or @path to a JSON file.", Required = true };

    /// <summary>--media-duration field=seconds, repeatable.</summary>
    public static Option<string[]> MediaDuration() => new("--media-duration")
    {
        Description = "Duration in seconds of a media input the engine cannot read (e.g. an offline URL): FIELD=SECONDS, repeatable. A readable file's real duration always wins.",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The model id or alias argument.</summary>
    public static Argument<string> ModelId() => new("model") { Description = "Exact model id (e.g. lightricks/ltx-2-pro/text-to-video) or a declared alias." };
}
