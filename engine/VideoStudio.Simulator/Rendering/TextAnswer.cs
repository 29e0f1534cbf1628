using System.Text.Json.Nodes;

namespace VideoStudio.Simulator.Rendering;

/// <summary>
/// What the simulator answers for a model whose schema declares <c>x-output.kind</c> <c>text</c> (the prompt
/// optimizer): the text itself as <c>outputs[0]</c>, as WaveSpeed's text models answer in the same task object
/// (<c>outputs</c> is a list of strings; for a text model the string is the text — UNCONFIRMED against a live
/// prompt-optimizer answer). The rewrite keeps the idea and adds what a video or image prompt needs, following
/// <c>mode</c> and <c>style</c>, so a test can tell the answer came from its request.
/// </summary>
internal static class TextAnswer
{
    public static string For(JsonObject input)
    {
        string idea = (input["text"] ?? input["prompt"])?.GetValue<string>().Trim().TrimEnd('.') ?? "a scene";
        string style = input["style"]?.GetValue<string>() is { Length: > 0 } s && s != "default" ? $"{s} style, " : string.Empty;
        return input["mode"]?.GetValue<string>() == "image"
            ? $"{idea}, {style}detailed subject, balanced composition, soft natural light, sharp focus, high detail."
            : $"{idea}, {style}smooth continuous motion, the camera slowly dollies in, soft natural light, cinematic depth of field, consistent subject throughout.";
    }
}
