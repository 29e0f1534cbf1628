using VideoStudio.Contracts;

namespace VideoStudio.Plugins.Kandinsky;

/// <summary>
/// Kandinsky 5 Pro renders at 512p or 1024p, and 1024p costs three times as much per clip. An image whose shorter
/// side is below the chosen tier has less detail than the output, so the model upsamples it and the extra price
/// buys little. The schema cannot see pixel dimensions, so this rule warns (it does not block).
/// </summary>
public sealed class SmallImageRule : IInputRule
{
    /// <inheritdoc />
    public bool AppliesTo(ModelDescriptor model) => model.Id == "wavespeed-ai/kandinsky5-pro/image-to-video";

    /// <inheritdoc />
    public IEnumerable<ValidationIssue> Check(ModelInputContext context)
    {
        if (!context.Media.TryGetValue("image", out var image) || image.Width is not int w || image.Height is not int h
            || context.Input["resolution"]?.GetValue<string>() is not string resolution
            || !int.TryParse(resolution.TrimEnd('p'), out var tier))
        {
            yield break;
        }

        int shorter = Math.Min(w, h);
        if (shorter < tier)
        {
            string advice = tier > 512 ? " Use a larger image, or 512p for a draft." : " Use a larger image for a sharper result.";
            yield return new ValidationIssue(
                "/image",
                "image_smaller_than_output",
                $"The image is {w}x{h}, smaller than the {resolution} output: it will be upsampled and look soft.{advice}",
                IssueSeverity.Warning);
        }
    }
}
