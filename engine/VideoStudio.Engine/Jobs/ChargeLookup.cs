namespace VideoStudio.Engine.Jobs;

/// <summary>
/// The lookup schedule of a finished job's charge: which jobs get one (every job that ended after the provider
/// accepted it: completed, failed or cancelled with a prediction id), when each lookup is due, and what is stored
/// when the provider's record is found or never appears.
/// </summary>
internal static class ChargeLookup
{
    /// <summary>The charge source stored once the provider's billing record is found.</summary>
    public const string ProviderBilling = CostSources.ProviderBilling;

    /// <summary>The billing-records call is known only from independent clients (wavespeed-api.md §21).</summary>
    public const string Confidence = "third-party";

    /// <summary>At most this many lookups per job.</summary>
    public const int MaxLookups = 20;

    /// <summary>Billing records can lag the task's end: ask soon, then less often, for about half a day in all.</summary>
    public static IReadOnlyList<TimeSpan> DefaultDelays { get; } =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6)];

    /// <summary>
    /// Returns <paramref name="job"/> with a pending lookup when it has just ended after acceptance and has none yet;
    /// otherwise unchanged. Free work is never looked up: no provider bills it.
    /// </summary>
    public static JobRecord ScheduleFirst(JobRecord job, DateTimeOffset now, IReadOnlyList<TimeSpan> delays) =>
        job is { IsTerminal: true, PredictionId: not null, Charge: null } && job.EstimateSource != CostSources.Free
            ? job with
            {
                Charge = new JobCharge
                {
                    EstimatedUsd = job.EstimateUsd,
                    EstimateSource = job.EstimateSource ?? "unknown",
                    Status = JobChargeStatus.Pending,
                    NextLookupAt = now + delays[0],
                    Note = "Not yet known: the provider's billing record is asked for after the job ends.",
                },
            }
            : job;

    /// <summary>The job with the provider's charge recorded, and its cost settled to it.</summary>
    public static JobRecord Known(JobRecord job, decimal chargedUsd, DateTimeOffset now) => job with
    {
        Charge = job.Charge! with
        {
            ChargedUsd = chargedUsd,
            ChargeSource = ProviderBilling,
            Status = JobChargeStatus.Known,
            Attempts = job.Charge.Attempts + 1,
            NextLookupAt = null,
            CheckedAt = now,
            Note = null,
        },
        FinalCostUsd = chargedUsd,
        CostSource = ProviderBilling,
        UpdatedAt = now,
    };

    /// <summary>The job after a lookup found no record: the next one scheduled, or the charge left unknown after the last.</summary>
    public static JobRecord NotYet(JobRecord job, DateTimeOffset now, IReadOnlyList<TimeSpan> delays, string why)
    {
        int attempts = job.Charge!.Attempts + 1;
        JobCharge charge = attempts < delays.Count
            ? job.Charge with { Attempts = attempts, CheckedAt = now, NextLookupAt = now + delays[attempts], Note = $"Not yet known: {why}; asking again." }
            : job.Charge with
            {
                Attempts = attempts,
                CheckedAt = now,
                NextLookupAt = null,
                Status = JobChargeStatus.Unavailable,
                Note = $"Unknown: {why} after {attempts} lookups; the estimate stands as the cost.",
            };
        return job with { Charge = charge, UpdatedAt = now };
    }

    /// <summary>The job whose charge can never be looked up (its provider endpoint is gone).</summary>
    public static JobRecord Abandoned(JobRecord job, DateTimeOffset now, string why) => job with
    {
        Charge = job.Charge! with { Status = JobChargeStatus.Unavailable, NextLookupAt = null, CheckedAt = now, Note = $"Unknown: {why}; the estimate stands as the cost." },
        UpdatedAt = now,
    };
}
