using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace VideoStudio.Server.Http;

/// <summary>
/// The name a job's output is saved as (<c>GET /v1/jobs/{id}/output</c>'s Content-Disposition): the prompt and the
/// model's short name a person recognises, then the end of the job id so two takes of one prompt never collide, e.g.
/// <c>paper-boat-drifting-ltx-2-fast-0c5e9a41.mp4</c>. Lower-case ASCII letters, digits and hyphens only.
/// </summary>
public static class OutputFileName
{
    private const int PromptLength = 40;
    private const int ModelLength = 24;
    private const int IdLength = 8;

    /// <summary>The file name for the output of job <paramref name="id"/> of <paramref name="modelId"/>.</summary>
    /// <param name="id">The job id (<c>job_</c> + hex).</param>
    /// <param name="modelId">The model id (<c>owner/name/task</c>).</param>
    /// <param name="input">The job's input: its <c>prompt</c> (or <c>text</c>) names the file.</param>
    /// <param name="extension">The output's extension with its dot (<c>.mp4</c>).</param>
    public static string Of(string id, string modelId, JsonObject input, string extension)
    {
        string prompt = Slug(Text(input, "prompt") ?? Text(input, "text") ?? "", PromptLength);
        string model = Slug(ShortModelName(modelId), ModelLength);
        // A UUIDv7's end is its random part (its start is the clock, shared by jobs made in the same minute).
        string suffix = Slug(id.Length > IdLength ? id[^IdLength..] : id, IdLength);
        return string.Join('-', new[] { prompt, model, suffix }.Where(p => p.Length > 0)) + Slug(extension, 8, keepDot: true);
    }

    /// <summary>The part of a model id a person calls it by: <c>lightricks/ltx-2-fast/text-to-video</c> → <c>ltx-2-fast</c>.</summary>
    public static string ShortModelName(string modelId)
    {
        string[] parts = modelId.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string? named = parts.LastOrDefault(p => !IsTask(p));
        return named ?? parts.LastOrDefault() ?? modelId;
    }

    private static bool IsTask(string part) =>
        part.StartsWith("text-to-", StringComparison.OrdinalIgnoreCase) || part.StartsWith("image-to-", StringComparison.OrdinalIgnoreCase)
        || part.StartsWith("video-to-", StringComparison.OrdinalIgnoreCase) || part.Equals("upscale", StringComparison.OrdinalIgnoreCase)
        || part.StartsWith("upscale-", StringComparison.OrdinalIgnoreCase)
        || part.Equals("video-extend", StringComparison.OrdinalIgnoreCase);

    private static string? Text(JsonObject input, string field) =>
        input[field] is JsonValue v && v.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text) ? text : null;

    // Accents fold to their letter (NFKD, marks dropped); anything else that is not an ASCII letter or digit becomes
    // one hyphen. A long slug is cut at a word's end where one is near, and never ends in "-".
    private static string Slug(string text, int max, bool keepDot = false)
    {
        var slug = new StringBuilder(text.Length);
        foreach (char c in text.Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c) || (keepDot && c == '.'))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        string whole = slug.ToString().Trim('-');
        if (whole.Length <= max)
        {
            return whole;
        }

        string cut = whole[..max];
        int wordEnd = whole[max] == '-' ? max : cut.LastIndexOf('-');
        return (wordEnd > max / 2 ? cut[..wordEnd] : cut).Trim('-');
    }
}
