using Microsoft.Extensions.Options;

namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>Checks <see cref="WebhookOptions"/> when first used: each failure names the setting and the fix, nothing is clamped.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    private const string Section = WebhookOptions.SectionName + ":";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        foreach ((string setting, TimeSpan value) in new[] { ("RetryFor", options.RetryFor), ("FirstRetryDelay", options.FirstRetryDelay), ("MaxDelay", options.MaxDelay), ("Timeout", options.Timeout), ("PollInterval", options.PollInterval) })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{Section}{setting} is {value}: it must be above zero.");
            }
        }

        if (options.MaxDelay < options.FirstRetryDelay)
        {
            failures.Add($"{Section}MaxDelay ({options.MaxDelay}) is below FirstRetryDelay ({options.FirstRetryDelay}): raise MaxDelay.");
        }

        if (options.RetryFor > TimeSpan.FromDays(30))
        {
            failures.Add($"{Section}RetryFor is {options.RetryFor}: at most 30 days (dead deliveries can be redelivered through the API).");
        }

        if (options.Timeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}Timeout is {options.Timeout}: at most 5 minutes.");
        }

        if (options.Concurrency is < 1 or > 256)
        {
            failures.Add($"{Section}Concurrency is {options.Concurrency}: between 1 and 256.");
        }

        if (options.RotationGrace < TimeSpan.Zero || options.RotationGrace > TimeSpan.FromDays(30))
        {
            failures.Add($"{Section}RotationGrace is {options.RotationGrace}: between zero and 30 days.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
