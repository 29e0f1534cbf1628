using Microsoft.Extensions.Options;

namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>The rule of <see cref="WebhookOptions"/> that spans settings (the single-setting ranges are its DataAnnotations); checked at start, nothing is clamped.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    private const string Section = WebhookOptions.SectionName + ":";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        if (options.MaxDelay < options.FirstRetryDelay)
        {
            failures.Add($"{Section}MaxDelay ({options.MaxDelay}) is below FirstRetryDelay ({options.FirstRetryDelay}): raise MaxDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
