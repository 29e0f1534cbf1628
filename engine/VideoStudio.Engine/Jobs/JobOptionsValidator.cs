using Microsoft.Extensions.Options;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// The rules of <see cref="JobOptions"/> that span settings (the single-setting ranges are its DataAnnotations): each
/// failure names the setting and the fix, nothing is clamped silently. Checked at start (<c>ValidateOnStart</c>).
/// </summary>
internal sealed class JobOptionsValidator : IValidateOptions<JobOptions>
{
    private const string Section = JobOptions.SectionName + ":";

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

        if (options.LeaseRenewInterval <= TimeSpan.Zero || options.LeaseRenewInterval * 2 > options.LeaseDuration)
        {
            failures.Add($"{Section}LeaseRenewInterval is {options.LeaseRenewInterval}: it must be above zero and at most half of LeaseDuration ({options.LeaseDuration}), so one missed renewal does not lose the lease.");
        }

        if (options.StorageRetryDelay <= TimeSpan.Zero || options.StorageRetryMaxDelay < options.StorageRetryDelay || options.StorageRetryTimeout < options.StorageRetryDelay)
        {
            failures.Add($"{Section}StorageRetryDelay ({options.StorageRetryDelay}) must be above zero and at most StorageRetryMaxDelay ({options.StorageRetryMaxDelay}) and StorageRetryTimeout ({options.StorageRetryTimeout}).");
        }

        if (options.SubmitRetryDelay <= TimeSpan.Zero || options.SubmitRetryMaxDelay < options.SubmitRetryDelay || options.SubmitRetryTimeout < TimeSpan.Zero)
        {
            failures.Add($"{Section}SubmitRetryDelay ({options.SubmitRetryDelay}) must be above zero and at most SubmitRetryMaxDelay ({options.SubmitRetryMaxDelay}); SubmitRetryTimeout ({options.SubmitRetryTimeout}) zero or more.");
        }

        if (options.ChargeLookupDelays is { } delays && (delays.Count > ChargeLookup.MaxLookups || delays.Any(d => d <= TimeSpan.Zero || d > TimeSpan.FromDays(7))))
        {
            failures.Add($"{Section}ChargeLookupDelays has {delays.Count} entries: at most {ChargeLookup.MaxLookups}, each above zero and at most 7 days (the provider keeps predictions 7 days).");
        }

        foreach ((string owner, OwnerLimits limits) in options.Owners)
        {
            CheckOwnerLimits(limits.DailyCapUsd, limits.MonthlyCapUsd, limits.MaxQueuedJobs, $"Owners:{owner}:", failures); // entries of a dictionary: checked here
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
            failures.Add($"{Section}{prefix}MaxQueuedJobs is {maxQueued}: at least 1, or unset for the default.");
        }
    }
}
