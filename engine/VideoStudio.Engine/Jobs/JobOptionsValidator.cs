using Microsoft.Extensions.Options;

namespace VideoStudio.Engine.Jobs;

/// <summary>Checks <see cref="JobOptions"/> when they are first used: each failure names the setting and why, nothing is clamped silently.</summary>
internal sealed class JobOptionsValidator : IValidateOptions<JobOptions>
{
    private const string Section = "VideoStudio:Jobs:";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, JobOptions options)
    {
        var failures = new List<string>();
        if (options.Store is not ("sqlite" or "postgres"))
        {
            failures.Add($"{Section}Store is '{options.Store}': use 'sqlite' (one machine) or 'postgres' (many hosts).");
        }

        if (options.Store == "postgres" && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Section}ConnectionString is required when {Section}Store is 'postgres' (e.g. Host=127.0.0.1;Port=5432;Database=videostudio;Username=videostudio).");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Section}LeaseDuration is {options.LeaseDuration}: at least 1 s, so a renewal can land before it lapses.");
        }

        if (options.LeaseRenewInterval <= TimeSpan.Zero || options.LeaseRenewInterval * 2 > options.LeaseDuration)
        {
            failures.Add($"{Section}LeaseRenewInterval is {options.LeaseRenewInterval}: it must be above zero and at most half of LeaseDuration ({options.LeaseDuration}), so one missed renewal does not lose the lease.");
        }

        if (options.SignalInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Section}SignalInterval is {options.SignalInterval}: it must be above zero.");
        }

        if (options.TakeoverInterval is { } takeover && takeover <= TimeSpan.Zero)
        {
            failures.Add($"{Section}TakeoverInterval is {takeover}: above zero, or unset to take over only on resume.");
        }

        if (options.StorageRetryDelay <= TimeSpan.Zero || options.StorageRetryMaxDelay < options.StorageRetryDelay || options.StorageRetryTimeout < options.StorageRetryDelay)
        {
            failures.Add($"{Section}StorageRetryDelay ({options.StorageRetryDelay}) must be above zero and at most StorageRetryMaxDelay ({options.StorageRetryMaxDelay}) and StorageRetryTimeout ({options.StorageRetryTimeout}).");
        }

        if (options.SubmitRetryDelay <= TimeSpan.Zero || options.SubmitRetryMaxDelay < options.SubmitRetryDelay || options.SubmitRetryTimeout < TimeSpan.Zero)
        {
            failures.Add($"{Section}SubmitRetryDelay ({options.SubmitRetryDelay}) must be above zero and at most SubmitRetryMaxDelay ({options.SubmitRetryMaxDelay}); SubmitRetryTimeout ({options.SubmitRetryTimeout}) zero or more.");
        }

        if (options.ChargeLookupDelays is { } delays && (delays.Count > Charges.ChargeLookup.MaxLookups || delays.Any(d => d <= TimeSpan.Zero || d > TimeSpan.FromDays(7))))
        {
            failures.Add($"{Section}ChargeLookupDelays has {delays.Count} entries: at most {Charges.ChargeLookup.MaxLookups}, each above zero and at most 7 days (the provider keeps predictions 7 days).");
        }

        if (options.ChargeLookupInterval is { } interval && interval <= TimeSpan.Zero)
        {
            failures.Add($"{Section}ChargeLookupInterval is {interval}: above zero, or unset to turn charge lookups off.");
        }

        if (options.ChargeDriftThresholdPercent <= 0 || options.ChargeDriftThresholdPercent > 1000)
        {
            failures.Add($"{Section}ChargeDriftThresholdPercent is {options.ChargeDriftThresholdPercent}: a percentage above 0 and at most 1000 (e.g. 5 flags a model whose charges differ from its estimates by more than 5 %).");
        }

        foreach ((string setting, int value) in new[] { ("MaxConcurrentJobs", options.MaxConcurrentJobs), ("SubmitsPerMinute", options.SubmitsPerMinute), ("MaxConcurrentSubmits", options.MaxConcurrentSubmits), ("PollConcurrency", options.PollConcurrency), ("DownloadConcurrency", options.DownloadConcurrency) })
        {
            if (value < 1)
            {
                failures.Add($"{Section}{setting} is {value}: at least 1.");
            }
        }

        CheckOwnerLimits(options.DailyCapUsd, options.MonthlyCapUsd, options.MaxQueuedJobsPerOwner, string.Empty, failures);
        foreach ((string owner, OwnerLimits limits) in options.Owners)
        {
            CheckOwnerLimits(limits.DailyCapUsd, limits.MonthlyCapUsd, limits.MaxQueuedJobs, $"Owners:{owner}:", failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckOwnerLimits(decimal? daily, decimal? monthly, int? maxQueued, string prefix, List<string> failures)
    {
        if (daily < 0 || monthly < 0)
        {
            failures.Add($"{Section}{prefix}DailyCapUsd ({daily}) and MonthlyCapUsd ({monthly}) are amounts in USD: zero or more, or unset for none.");
        }

        if (maxQueued < 1)
        {
            failures.Add($"{Section}{prefix}{(prefix.Length == 0 ? "MaxQueuedJobsPerOwner" : "MaxQueuedJobs")} is {maxQueued}: at least 1, or unset for {(prefix.Length == 0 ? "no limit" : "the default")}.");
        }
    }
}
