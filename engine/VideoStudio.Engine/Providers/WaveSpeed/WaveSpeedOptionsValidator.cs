using Microsoft.Extensions.Options;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>The rule of <see cref="WaveSpeedOptions"/> a range cannot say (the base URL is an absolute http(s) URL); the ranges are its DataAnnotations. Checked at start.</summary>
internal sealed class WaveSpeedOptionsValidator : IValidateOptions<WaveSpeedOptions>
{
    private const string Section = WaveSpeedOptions.SectionName + ":";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WaveSpeedOptions options)
    {
        var failures = new List<string>();
        if (!HttpUrl.Is(options.BaseUrl))
        {
            failures.Add($"{Section}BaseUrl must be an absolute http(s) URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
