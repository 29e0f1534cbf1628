using Microsoft.Extensions.Options;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>Checks <see cref="WaveSpeedOptions"/> when they are first used: each failure names the setting and why; nothing is clamped silently.</summary>
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

        if (options.SubmitConnectRetries is < 0 or > 2)
        {
            failures.Add($"{Section}SubmitConnectRetries is {options.SubmitConnectRetries}: 0 to 2 (a submit is re-sent only when the connection was never made, and only a few times).");
        }

        foreach ((string setting, int value, int least) in new[]
        {
            ("DownloadMaxAttempts", options.DownloadMaxAttempts, 1), ("UploadMaxAttempts", options.UploadMaxAttempts, 1),
            ("PollMaxRetryAttempts", options.PollMaxRetryAttempts, 0), ("CircuitBreakerMinimumThroughput", options.CircuitBreakerMinimumThroughput, 2),
            ("HistoryMaxPages", options.HistoryMaxPages, 1),
        })
        {
            if (value < least)
            {
                failures.Add($"{Section}{setting} is {value}: at least {least}.");
            }
        }

        foreach ((string setting, TimeSpan value) in new[]
        {
            ("SubmitTimeout", options.SubmitTimeout), ("PollAttemptTimeout", options.PollAttemptTimeout), ("PollTotalTimeout", options.PollTotalTimeout),
            ("UploadTimeout", options.UploadTimeout), ("DownloadAttemptTimeout", options.DownloadAttemptTimeout), ("DownloadTimeout", options.DownloadTimeout),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{Section}{setting} is {value}: it must be above zero.");
            }
        }

        if (options.CircuitBreakerFailureRatio is <= 0 or > 1 || double.IsNaN(options.CircuitBreakerFailureRatio))
        {
            failures.Add($"{Section}CircuitBreakerFailureRatio is {options.CircuitBreakerFailureRatio}: above 0 and at most 1.");
        }

        if (options.MaxDownloadBytes <= 0)
        {
            failures.Add($"{Section}MaxDownloadBytes is {options.MaxDownloadBytes}: above zero.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
